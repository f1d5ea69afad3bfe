package dev.aqueduct.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void padsColumnsAndAlignsNumbersRight() {
        StringWriter out = new StringWriter();

        new Table("NAME", "REQUESTS").alignRight(1).row("gpt-4o", 1200).row("mini", 3).print(new PrintWriter(out));

        assertThat(out.toString().lines()).containsExactly(
                "NAME    REQUESTS",
                "gpt-4o      1200",
                "mini           3");
    }
}
