package io.endpointbridge.sources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

import io.endpointbridge.polling.CommandTarget;
import io.endpointbridge.polling.ListedSource;
import io.endpointbridge.polling.RecordSource;
import io.endpointbridge.polling.StreamedSource;
import io.endpointbridge.polling.WindowedSource;
import io.endpointbridge.sources.csamassets.CsamAssetsSource;
import io.endpointbridge.sources.sepmactions.SepmActionsTarget;
import io.endpointbridge.sources.sepmcomputers.SepmComputersSource;
import io.endpointbridge.sources.sepmnotifications.SepmNotificationsSource;
import io.endpointbridge.sources.sesdevices.SesDevicesSource;
import io.endpointbridge.sources.sesevents.SesEventSearchSource;
import io.endpointbridge.sources.sesevents.SesEventsSource;
import io.endpointbridge.sources.sesincidents.SesIncidentsSource;

/** The registered sources: adding one is a folder under {@code sources/} and one line here. */
public final class Sources {

    public static final List<PolledSource> POLLED = List.of(
            new SesDevicesSource(),
            new CsamAssetsSource(),
            new SepmComputersSource());

    public static final List<WindowedSource> WINDOWED = List.of(
            new SesIncidentsSource(),
            new SesEventSearchSource());

    public static final List<StreamedSource> STREAMED = List.of(
            new SesEventsSource());

    public static final List<ListedSource> LISTED = List.of(
            new SepmNotificationsSource());

    public static final List<CommandTarget> TARGETS = List.of(
            new SepmActionsTarget());

    private Sources() {
    }

    /** A polled source by its name ({@code ses-devices}) or its settings prefix ({@code ses}). */
    public static Optional<PolledSource> find(String nameOrPrefix) {
        return POLLED.stream().filter(s -> s.name().equals(nameOrPrefix) || s.prefix().equals(nameOrPrefix)).findFirst();
    }

    public static List<String> prefixes() {
        return POLLED.stream().map(PolledSource::prefix).toList();
    }

    /** The keys the registered sources add that take one of a few values, for the settings check. */
    public static Map<String, Set<String>> settingChoices() {
        Map<String, Set<String>> choices = new LinkedHashMap<>();
        POLLED.forEach(source -> choices.putAll(source.settingChoices()));
        recordSources().forEach(source -> choices.putAll(source.settingChoices()));
        TARGETS.forEach(target -> choices.putAll(target.settingChoices()));
        return choices;
    }

    /** What the settings check covers: every source's settings and choices. */
    public static io.endpointbridge.core.SettingsCheck.Scope settingsScope() {
        return new io.endpointbridge.core.SettingsCheck.Scope(prefixes(),
                WINDOWED.stream().map(WindowedSource::prefix).toList(), STREAMED.stream().map(StreamedSource::prefix).toList(),
                LISTED.stream().map(ListedSource::prefix).toList(), settingChoices(), STREAMED.stream().<java.util.function.Function<io.endpointbridge.core.Settings,
                        Optional<String>>>map(source -> settings -> streamSwitches(source, settings)).toList());
    }

    /**
     * A streamed source's switches: enabled, it needs its stream configured (or its fallback enabled instead), and
     * never together with its fallback, which would read the same records twice.
     */
    private static Optional<String> streamSwitches(StreamedSource source, io.endpointbridge.core.Settings settings) {
        if (!settings.getBoolean(source.prefix() + ".enabled", false)) {
            return Optional.empty();
        }
        Optional<String> fallback = source.fallback().map(name -> findWindowed(name).orElseThrow().prefix());
        if (!source.configured(settings)) {
            return Optional.of(source.prefix() + ".enabled is true but its stream is not configured: set " + source.prefix()
                    + ".stream-id and " + source.prefix() + ".channel-id (the SES console's event stream)"
                    + fallback.map(other -> ", or read the search API instead with " + other + ".enabled=true").orElse(""));
        }
        return fallback.filter(other -> settings.getBoolean(other + ".enabled", false))
                .map(other -> "both " + source.prefix() + ".enabled and its fallback " + other
                        + ".enabled are true: the same events would be read twice; enable one");
    }

    /** A windowed source by its name ({@code ses-incidents}). */
    public static Optional<WindowedSource> findWindowed(String name) {
        return WINDOWED.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The sources whose records are published as they come: windowed, streamed, then listed. */
    public static List<RecordSource> recordSources() {
        List<RecordSource> sources = new java.util.ArrayList<>(WINDOWED);
        sources.addAll(STREAMED);
        sources.addAll(LISTED);
        return sources;
    }

    /** A windowed or streamed source by its name ({@code ses-events}). */
    public static Optional<RecordSource> findRecordSource(String name) {
        return recordSources().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every source that runs by schedule or {@code sync}: asset pulls, then windowed and streamed pulls. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(POLLED.stream().map(PolledSource::name).toList());
        recordSources().forEach(source -> names.add(source.name()));
        return names;
    }

    /** The transform map file of a source by its name ({@code ses-events-search}: {@code ses-events.yaml}). */
    public static String mappingFile(String name) {
        return find(name).map(PolledSource::mappingFile)
                .orElseGet(() -> findRecordSource(name).map(RecordSource::mappingFile).orElse(name + ".yaml"));
    }

    /** The route that runs one pull of the named source, if there is such a source. */
    public static Optional<String> pullEndpoint(String nameOrPrefix) {
        return find(nameOrPrefix).map(PolledSource::pullEndpoint)
                .or(() -> findRecordSource(nameOrPrefix).map(RecordSource::pullEndpoint));
    }
}
