package dev.aqueduct.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageCountsTest {
    @Test
    void takesNegativeCountsAsZeroAndKeepsTheOthers() {
        assertThat(new UsageCounts(-5, 7, -1)).isEqualTo(new UsageCounts(0, 7, 0));
    }
}
