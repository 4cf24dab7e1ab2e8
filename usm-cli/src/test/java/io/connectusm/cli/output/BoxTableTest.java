package io.connectusm.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The table layouts against Confluent's golden files and documentation (shared/reference): tablewriter 0.0.5 with
 * auto-wrap at 30 columns, as {@code pkg/output/table.go} configures it.
 */
class BoxTableTest {

    @Test
    void rendersConfluentsRegisterConnectClusterExample() {
        String table = BoxTable.render(List.of(
                new Field("ID", "id", "usmcc-f3a90de"),
                new Field("Confluent Platform Connect Cluster", "c", "test-name"),
                new Field("Confluent Platform Kafka Cluster Id", "k", "4k0R9d1GTS5tI9f4Y2xZ0Q"),
                new Field("Environment", "environment", "env-596"),
                new Field("USM Kafka Cluster Id", "u", "usmkc-00000"),
                new Field("Cloud", "cloud", "AWS"),
                new Field("Region", "region", "us-east-1")));

        // test/fixtures/output/usm/connect-cluster/create/create.golden of confluentinc/cli
        assertThat(table).isEqualTo("""
                +--------------------------------+------------------------+
                | ID                             | usmcc-f3a90de          |
                | Confluent Platform Connect     | test-name              |
                | Cluster                        |                        |
                | Confluent Platform Kafka       | 4k0R9d1GTS5tI9f4Y2xZ0Q |
                | Cluster Id                     |                        |
                | Environment                    | env-596                |
                | USM Kafka Cluster Id           | usmkc-00000            |
                | Cloud                          | AWS                    |
                | Region                         | us-east-1              |
                +--------------------------------+------------------------+
                """);
    }

    @Test
    void shortTablesAreAsWideAsTheirLongestCellAndNumbersStayLeft() {
        assertThat(BoxTable.render(List.of(new Field("ID", "id", "clcc-wzxp69"),
                new Field("Name", "name", "my-custom-connector"), Field.number("Tasks", "tasks", 12)))).isEqualTo("""
                +-------+---------------------+
                | ID    | clcc-wzxp69         |
                | Name  | my-custom-connector |
                | Tasks | 12                  |
                +-------+---------------------+
                """);
    }

    @Test
    void listHeadersLongerThan30ColumnsWrapOntoTwoRows() {
        String table = ListTable.render(List.of("ID", "Confluent Platform Connect Cluster",
                "Confluent Platform Kafka Cluster Id", "Environment", "USM Kafka Cluster Id", "Cloud", "Region"),
                new boolean[7], List.of(List.of("usmcc-f3a90de", "connect-group-xyz123", "4k0R9d1GTS5tI9f4Y2xZ0Q",
                        "env-00000", "usmkc-00000", "AWS", "us-east-1")));

        // test/fixtures/output/usm/connect-cluster/list/list.golden of confluentinc/cli, byte for byte
        assertThat(table).isEqualTo(
                "       ID       |   Confluent Platform Connect   |    Confluent Platform Kafka    | Environment "
                        + "| USM Kafka Cluster Id | Cloud |  Region    \n"
                        + "                |            Cluster             |           Cluster Id           |   "
                        + "          |                      |       |            \n"
                        + "----------------+--------------------------------+--------------------------------+------"
                        + "-------+----------------------+-------+------------\n"
                        + "  usmcc-f3a90de | connect-group-xyz123           | 4k0R9d1GTS5tI9f4Y2xZ0Q         | env-"
                        + "00000   | usmkc-00000          | AWS   | us-east-1  \n");
    }

    @Test
    void listTableMatchesConfluentsColumnLayoutWithIntegersRight() {
        String table = ListTable.render(List.of("Task", "State"), new boolean[] {true, false},
                List.of(List.of("1", "RUNNING")));

        // test/fixtures/output/connect/cluster/describe.golden: "Task Level Details"
        assertThat(table).isEqualTo("""
                  Task |  State  \s
                -------+----------
                     1 | RUNNING \s
                """);
    }

    @Test
    void longCellsWrapAsTablewriterDoes() {
        String table = ListTable.render(List.of("Key", "Changes"), new boolean[2],
                List.of(List.of("a", "tasks.max: 1 -> 2, +transforms, -topics.regex"), List.of("b", "")));

        assertThat(table.lines().toList()).containsExactly(
                "  Key |            Changes              ",
                "------+---------------------------------",
                "  a   | tasks.max: 1 -> 2,              ",
                "      | +transforms, -topics.regex      ",
                "  b   |                                 ");
    }

    @Test
    void wrapsAtSpacesOnlyAndGrowsTheLimitToTheLongestWord() {
        assertThat(TextWrap.wrap("Confluent Platform Connect Cluster", 30))
                .containsExactly("Confluent Platform Connect", "Cluster");
        assertThat(TextWrap.wrap("Confluent Platform Kafka Cluster Id", 30))
                .containsExactly("Confluent Platform Kafka", "Cluster Id");
        assertThat(TextWrap.wrap("a-very-long-single-token-without-any-spaces and more words", 30))
                .containsExactly("a-very-long-single-token-without-any-spaces", "and more words");
        assertThat(TableCell.of("org.apache.kafka.connect.mirror.MirrorSourceConnector"))
                .isEqualTo(new TableCell(List.of("org.apache.kafka.connect.mirror.MirrorSourceConnector"), 53));
        assertThat(TableCell.of("line one\nline two")).isEqualTo(new TableCell(List.of("line one", "line two"), 8));
        assertThat(TableCell.of("")).isEqualTo(new TableCell(List.of(""), 0));
    }
}
