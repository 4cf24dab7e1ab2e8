package io.connectusm.extension;

import io.connectusm.events.ClusterRef;
import io.connectusm.events.ConnectorDeleted;
import io.connectusm.events.MetadataEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PendingEventsTest {

    private long sequence;

    private MetadataEvent event(String subject) {
        return new MetadataEvent("id-" + sequence, new ClusterRef("k", "c"), "w:1", Instant.EPOCH, sequence++,
                Instant.EPOCH, subject, new ConnectorDeleted(subject));
    }

    @Test
    void memoryIsBoundedByConnectorsNotByChanges() {
        PendingEvents pending = new PendingEvents(4, Instant.EPOCH);
        for (int change = 0; change < 10_000; change++) {
            pending.add(event("connector-" + (change % 10)));
        }
        assertThat(pending.size()).isEqualTo(10 * 4);
        assertThat(pending.dropped()).isEqualTo(10_000 - 40);
    }

    @Test
    void keepsTheNewestEventsOfEachConnectorInOrder() {
        PendingEvents pending = new PendingEvents(2, Instant.EPOCH);
        MetadataEvent a1 = event("a");
        MetadataEvent b1 = event("b");
        MetadataEvent a2 = event("a");
        MetadataEvent a3 = event("a");
        List.of(a1, b1, a2, a3).forEach(pending::add);

        assertThat(pending.peek(10)).containsExactly(b1, a2, a3);
    }

    @Test
    void removesOnlyWhatWasDelivered() {
        PendingEvents pending = new PendingEvents(2, Instant.EPOCH);
        MetadataEvent a1 = event("a");
        MetadataEvent b1 = event("b");
        pending.add(a1);
        pending.add(b1);
        List<MetadataEvent> batch = pending.peek(1);
        MetadataEvent a2 = event("a");
        pending.add(a2);

        pending.remove(batch);

        assertThat(pending.peek(10)).containsExactly(b1, a2);
    }
}
