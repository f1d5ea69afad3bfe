package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeArgumentsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        "90m, 2026-05-01T11:30:00Z",
        "12h, 2026-05-01T22:00:00Z",
        "30d, 2026-05-31T10:00:00Z",
        "2w, 2026-05-15T10:00:00Z",
        "2026-12-31, 2026-12-31T00:00:00Z",
        "2026-06-01T08:15:00Z, 2026-06-01T08:15:00Z"
    })
    void readsSpansAndDatesAsFutureTimes(String text, Instant expected) {
        assertThat(TimeArguments.future(text, CLOCK)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "24h, 2026-04-30T10:00:00Z",
        "7d, 2026-04-24T10:00:00Z",
        "2026-04-01, 2026-04-01T00:00:00Z"
    })
    void readsSpansAndDatesAsPastTimes(String text, Instant expected) {
        assertThat(TimeArguments.past(text, CLOCK)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "30", "d30", "1y", "-5d", "2026-13-01", "30 d"})
    void refusesWhatItCannotRead(String text) {
        assertThatThrownBy(() -> TimeArguments.future(text, CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not " + TimeArguments.FORMS);
    }

    @Test
    void refusesAnEmptySpan() {
        assertThatThrownBy(() -> TimeArguments.future("0d", CLOCK)).hasMessageContaining("is an empty span");
    }

    @Test
    void refusesAnExpiryInThePast() {
        assertThatThrownBy(() -> TimeArguments.future("2026-05-01", CLOCK))
                .hasMessage("'2026-05-01' is not in the future");
    }

    @Test
    void showsTimesInUtcToTheMinute() {
        assertThat(TimeArguments.format(Instant.parse("2026-05-01T10:07:59Z"))).isEqualTo("2026-05-01 10:07Z");
        assertThat(TimeArguments.format(null)).isEqualTo("-");
    }
}
