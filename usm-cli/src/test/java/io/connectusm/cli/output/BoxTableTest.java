package io.connectusm.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The table layouts against the examples of Confluent's documentation (shared/reference). */
class BoxTableTest {

    @Test
    void rendersConfluentsRegisterConnectClusterExample() {
        String table = BoxTable.render(List.of(
                new Field("ID", "id", "usmcc-global-ghijkl67890"),
                new Field("Confluent Platform Connect Cluster", "c", "connect-group-xyz123"),
                new Field("USM Kafka Cluster ID", "u", "usmkc-global-abcdef12356"),
                new Field("Confluent Platform Kafka Cluster ID", "k", "4k0R9d1GTS5tI9f4Y2xZ0Q"),
                new Field("Cloud", "cloud", "AWS"),
                new Field("Region", "region", "us-east-1"),
                new Field("Environment", "environment", "env-stgcqqd737")));

        assertThat(table).isEqualTo("""
                +--------------------------------+--------------------------+
                | ID                             | usmcc-global-ghijkl67890 |
                | Confluent Platform Connect     | connect-group-xyz123     |
                | Cluster                        |                          |
                | USM Kafka Cluster ID           | usmkc-global-abcdef12356 |
                | Confluent Platform Kafka       | 4k0R9d1GTS5tI9f4Y2xZ0Q   |
                | Cluster ID                     |                          |
                | Cloud                          | AWS                      |
                | Region                         | us-east-1                |
                | Environment                    | env-stgcqqd737           |
                +--------------------------------+--------------------------+
                """);
    }

    @Test
    void shortTablesAreAsWideAsTheirLongestCell() {
        assertThat(BoxTable.render(List.of(new Field("ID", "id", "clcc-wzxp69"),
                new Field("Name", "name", "my-custom-connector")))).isEqualTo("""
                +------+---------------------+
                | ID   | clcc-wzxp69         |
                | Name | my-custom-connector |
                +------+---------------------+
                """);
    }

    @Test
    void listTableMatchesConfluentsColumnLayout() {
        String table = ListTable.render(List.of("ID", "Name", "Status", "Type", "Trace"),
                List.of(List.of("clcc-wzxp69", "my-custom-connector", "RUNNING", "source", "")));

        // Confluent's reference: dashes 14/21/9/8/8, '+' between columns, none at the ends.
        assertThat(table.lines().toList()).containsExactly(
                "      ID      |        Name         | Status  |  Type  | Trace  ",
                "--------------+---------------------+---------+--------+--------",
                "  clcc-wzxp69 | my-custom-connector | RUNNING | source |        ");
    }

    @Test
    void wrapsLongWordsOnlyAtSpaces() {
        assertThat(TextWrap.wrap("Confluent Platform Connect Cluster", 30))
                .containsExactly("Confluent Platform Connect", "Cluster");
        assertThat(TextWrap.wrap("a-very-long-single-token-without-any-spaces", 30))
                .containsExactly("a-very-long-single-token-without-any-spaces");
    }
}
