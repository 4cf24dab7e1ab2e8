package io.connectusm.cli.certs;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Converts {@code --days}: a whole number of days, at least 1. Stateless. */
final class DaysConverter implements ITypeConverter<Long> {
    // About 100 years: beyond that the value is certainly a typo (and X.509 dates stop at 9999 anyway).
    private static final long MAX_DAYS = 36_500;

    @Override
    public Long convert(String value) {
        long days;
        try {
            days = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number of days");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new TypeConversionException("'" + value + "' days is out of range: use 1 to " + MAX_DAYS);
        }
        return days;
    }
}
