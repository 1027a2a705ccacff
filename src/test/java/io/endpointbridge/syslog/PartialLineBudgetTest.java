package io.endpointbridge.syslog;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The budget asks exactly the oldest holders to drop, as few as needed, and counts a holder it already asked as gone,
 * however many reads arrive before that holder has dropped (on its own thread, later).
 */
class PartialLineBudgetTest {

    /** A connection that only notes when it is told to drop (as a real one, it drops later, on its own loop). */
    static final class Connection implements PartialLineBudget.Holder {
        final String name;
        final List<String> told;

        Connection(String name, List<String> told) {
            this.name = name;
            this.told = told;
        }

        @Override
        public void dropPartial(String reason) {
            told.add(name);
        }
    }

    @Test
    void theOldestDropsOnceAndReadsBeforeItHasDroppedDoNotDropMore() throws Exception {
        List<String> told = new ArrayList<>();
        PartialLineBudget budget = new PartialLineBudget(200_000);
        List<Connection> connections = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            connections.add(new Connection("c" + i, told));
        }
        for (int i = 0; i < 3; i++) {
            budget.set(connections.get(i), 60_000);
            Thread.sleep(2);
        }
        // the fourth connection's line arrives in three reads; the oldest has not dropped yet after the second
        budget.set(connections.get(3), 20_000);
        budget.set(connections.get(3), 40_000);
        budget.set(connections.get(3), 60_000);
        assertEquals(List.of("c1"), told, "only the oldest");
        assertEquals(240_000, budget.held());
        budget.set(connections.get(0), 0);
        assertEquals(180_000, budget.held());
        budget.set(connections.get(1), 130_000);
        assertEquals(List.of("c1", "c2"), told, "the oldest again: it grew past the budget");
        Connection huge = new Connection("c5", told);
        budget.set(huge, 350_000);
        assertEquals(List.of("c1", "c2", "c3", "c4", "c5"), told, "as many as needed, oldest first, itself last");
        assertEquals(5, budget.dropped());
    }
}
