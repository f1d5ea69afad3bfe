package dev.aqueduct.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Times typed on the command line: a span such as {@code 90m}, {@code 12h}, {@code 30d} or
 * {@code 2w}, or a date such as {@code 2026-12-31} (the start of that day in UTC), or an
 * instant such as {@code 2026-12-31T18:00:00Z}. Times are shown in UTC.
 */
final class TimeArguments {
    static final String FORMS = "a span like 90m, 12h, 30d or 2w, or a date like 2026-12-31";

    private static final Pattern SPAN = Pattern.compile("(\\d{1,6})([mhdw])");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'")
            .withZone(ZoneOffset.UTC);

    private TimeArguments() {
    }

    /** When something given for {@code text} from now ends: {@code 30d} is thirty days from now. */
    static Instant future(String text, Clock clock) {
        Instant now = clock.instant();
        Instant at = span(text).map(now::plus).orElseGet(() -> pointInTime(text));
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("'" + text + "' is not in the future");
        }
        return at;
    }

    /** When a window of {@code text} up to now starts: {@code 24h} is a day ago. */
    static Instant past(String text, Clock clock) {
        Instant now = clock.instant();
        return span(text).map(now::minus).orElseGet(() -> pointInTime(text));
    }

    /** {@code time} as shown in tables and messages, such as {@code 2026-05-01 12:00Z}; "-" for none. */
    static String format(@Nullable Instant time) {
        return time == null ? "-" : SHOWN.format(time);
    }

    private static Optional<Duration> span(String text) {
        Matcher matcher = SPAN.matcher(text.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount == 0) {
            throw new IllegalArgumentException("'" + text + "' is an empty span; use " + FORMS);
        }
        return Optional.of(switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofDays(amount * 7);
        });
    }

    private static Instant pointInTime(String text) {
        String value = text.strip();
        try {
            if (value.contains("T")) {
                return Instant.parse(value);
            }
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORMS);
        }
    }

    /** Converts {@code --expires} values: a span from now or a date, in the future. */
    static final class Expiry implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return future(value, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Converts {@code --since} values: a span back from now or a date. */
    static final class Since implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return past(value, Clock.systemUTC());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
