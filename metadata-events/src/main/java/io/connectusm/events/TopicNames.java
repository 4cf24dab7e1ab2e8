package io.connectusm.events;

/**
 * What the contract accepts as a topic name in a snapshot's {@code topics}: a legal Kafka topic name, by Kafka's own
 * rules ({@code org.apache.kafka.common.internals.Topic#validate}): 1 to {@link EventLimits#MAX_TOPIC_NAME_CHARS}
 * characters of {@code [a-zA-Z0-9._-]}, and neither {@code .} nor {@code ..}. A topic name is therefore plain ASCII
 * that needs no escaping in a URL path segment, HTML or a log line. Stateless; thread-safe.
 */
public final class TopicNames {

    static final String EMPTY = "is empty, which no Kafka topic name is";
    static final String TOO_LONG = "is longer than EventLimits.MAX_TOPIC_NAME_CHARS (" + EventLimits.MAX_TOPIC_NAME_CHARS
            + ") characters, which no Kafka topic name is";
    static final String ILLEGAL_CHARACTER = "holds a character other than [a-zA-Z0-9._-], which no Kafka topic name does";
    static final String DOTS = "is \".\" or \"..\", which Kafka forbids as a topic name";

    private TopicNames() {
    }

    /** Whether {@code name} is a legal Kafka topic name ({@code null} is not). */
    public static boolean isLegal(String name) {
        return name != null && problem(name) == null;
    }

    /**
     * What is wrong with {@code name} as a topic name, as the end of a message ("... is empty"), never quoting it;
     * {@code null} when it is legal.
     */
    static String problem(String name) {
        if (name == null) {
            return "is null";
        }
        if (name.isEmpty()) {
            return EMPTY;
        }
        if (name.length() > EventLimits.MAX_TOPIC_NAME_CHARS) {
            return TOO_LONG;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == '-';
            if (!legal) {
                return ILLEGAL_CHARACTER;
            }
        }
        if (name.equals(".") || name.equals("..")) {
            return DOTS;
        }
        return null;
    }
}
