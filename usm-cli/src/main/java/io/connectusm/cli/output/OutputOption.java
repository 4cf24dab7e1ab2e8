package io.connectusm.cli.output;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The {@code -o human|json|yaml} option, as a picocli mixin. One instance per command run. */
public final class OutputOption {

    @Option(names = {"-o", "--output"}, defaultValue = "human", converter = Converter.class, paramLabel = "FORMAT",
            description = "Output format: \"human\", \"json\", or \"yaml\" (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    public OutputFormat format() {
        return format;
    }

    /** Case-insensitive {@link OutputFormat} names; anything else is a usage error naming the formats. */
    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return OutputFormat.parse(value);
        }
    }
}
