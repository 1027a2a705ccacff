package io.endpointbridge.sources.sepmnotifications;

import java.util.Arrays;
import java.util.List;

import io.endpointbridge.core.Settings;
import jakarta.mail.Flags;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.OrTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;

/**
 * Which mails of the mailbox the {@code sepm-mail} route fetches, asked of the IMAP server: not yet seen, from
 * {@code sepm.mail.from} (part of the sender's address; empty: anyone) and with a subject containing one of
 * {@code sepm.mail.subjects} (comma separated, any case; empty: any subject). The default subjects are the ones
 * IBM Resilient's SEP integration (seed 002) takes. Mails that do not match are not fetched, so never marked.
 */
final class MailSearch {

    static final String DEFAULT_SUBJECTS = "Single Risk Event:,New Risk Found:,Security alert";

    private MailSearch() {
    }

    static SearchTerm from(Settings settings) {
        List<SearchTerm> terms = new java.util.ArrayList<>();
        terms.add(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        settings.optional("sepm.mail.from").filter(from -> !from.isBlank()).ifPresent(from -> terms.add(new FromStringTerm(from.strip())));
        SearchTerm[] subjects = Arrays.stream(settings.get("sepm.mail.subjects", DEFAULT_SUBJECTS).split(","))
                .map(String::strip).filter(subject -> !subject.isEmpty()).map(SubjectTerm::new).toArray(SearchTerm[]::new);
        if (subjects.length == 1) {
            terms.add(subjects[0]);
        } else if (subjects.length > 1) {
            terms.add(new OrTerm(subjects));
        }
        return terms.size() == 1 ? terms.get(0) : new AndTerm(terms.toArray(SearchTerm[]::new));
    }
}
