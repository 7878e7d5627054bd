package org.hebb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static final String IRIS = """
            sepal_length,sepal_width,petal_length,petal_width,species
            5.1,3.5,1.4,0.2,setosa
            7.0,3.2,4.7,1.4,versicolor

            6.3,3.3,6.0,2.5,virginica
            4.9, 3.0 ,1.4,0.2,"setosa"
            """;

    @Test
    void readsFeaturesAndMapsStringLabelsInSortedOrder() throws IOException {
        Csv.Table t = Csv.read(write("iris.csv", IRIS), Csv.options().label("species"));
        assertEquals(4, t.rows());
        assertArrayEquals(new int[] {4, 4}, t.x().shape());
        assertArrayEquals(new float[] {5.1f, 3.5f, 1.4f, 0.2f, 7.0f, 3.2f, 4.7f, 1.4f, 6.3f, 3.3f, 6.0f, 2.5f,
                4.9f, 3.0f, 1.4f, 0.2f}, t.x().data());
        assertEquals(List.of("setosa", "versicolor", "virginica"), t.classes());
        assertArrayEquals(new float[] {0, 1, 2, 0}, t.y().data());
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), t.features());
        assertEquals("species", t.label());
        assertEquals(4, t.dataset().size());
    }

    @Test
    void givenClassesFixTheMappingAndUnknownLabelsAreRefused() throws IOException {
        Path p = write("iris.csv", IRIS);
        Csv.Table t = Csv.read(p, Csv.options().label(-1).classes(List.of("virginica", "setosa", "versicolor")));
        assertArrayEquals(new float[] {1, 2, 0, 1}, t.y().data());
        var e = assertThrows(IOException.class,
                () -> Csv.read(p, Csv.options().label(4).classes(List.of("setosa", "versicolor"))));
        assertTrue(e.getMessage().contains("iris.csv, line 5, column 5") && e.getMessage().contains("'virginica'"),
                e.getMessage());
    }

    @Test
    void numericLabelsWithoutHeaderByIndex() throws IOException {
        Path p = write("plain.csv", "1,2,0\r\n3,4,1\r\n5,-6e-1,1\n");
        Csv.Table t = Csv.read(p, Csv.options().header(false).label(2));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, -0.6f}, t.x().data());
        assertArrayEquals(new float[] {0, 1, 1}, t.y().data());
        assertEquals(List.of(), t.classes());
        assertEquals(List.of("0", "1"), t.features());
        Csv.Table all = Csv.read(p, Csv.options().header(false));
        assertArrayEquals(new int[] {3, 3}, all.x().shape());
        assertNull(all.y());
        assertThrows(IllegalStateException.class, all::dataset);
    }

    @Test
    void otherDelimiterQuotesAndByteOrderMark() throws IOException {
        Path p = write("semi.csv", "\uFEFF\"a;1\";b\n\"1.5\";2\n");
        Csv.Table t = Csv.read(p, Csv.options().delimiter(';'));
        assertEquals(List.of("a;1", "b"), t.features());
        assertArrayEquals(new float[] {1.5f, 2}, t.x().data());
    }

    @Test
    void refusesEmptyFile() throws IOException {
        var e = assertThrows(IOException.class, () -> Csv.read(write("empty.csv", "")));
        assertTrue(e.getMessage().contains("empty.csv") && e.getMessage().contains("empty file"), e.getMessage());
        var blank = assertThrows(IOException.class, () -> Csv.read(write("blank.csv", "\n  \n")));
        assertTrue(blank.getMessage().contains("blank.csv") && blank.getMessage().contains("empty file"),
                blank.getMessage());
    }

    @Test
    void refusesHeaderWithoutRows() throws IOException {
        var e = assertThrows(IOException.class, () -> Csv.read(write("head.csv", "a,b\n")));
        assertTrue(e.getMessage().contains("head.csv") && e.getMessage().contains("no data rows"), e.getMessage());
    }

    @Test
    void refusesShortRow() throws IOException {
        var e = assertThrows(IOException.class, () -> Csv.read(write("short.csv", "a,b,c\n1,2,3\n4,5\n")));
        assertTrue(e.getMessage().contains("short.csv, line 3") && e.getMessage().contains("2 fields, expected 3")
                && e.getMessage().contains("column 3 ('c')"), e.getMessage());
    }

    @Test
    void refusesLongRow() throws IOException {
        var e = assertThrows(IOException.class, () -> Csv.read(write("long.csv", "a,b\n1,2\n\n3,4,5\n")));
        assertTrue(e.getMessage().contains("long.csv, line 4") && e.getMessage().contains("3 fields, expected 2")
                && e.getMessage().contains("column 3"), e.getMessage());
    }

    @Test
    void refusesNonNumericValue() throws IOException {
        var e = assertThrows(IOException.class, () -> Csv.read(write("text.csv", "a,b\n1,2\n3,abc\n")));
        assertTrue(e.getMessage().contains("text.csv, line 3, column 2 ('b')") && e.getMessage().contains("'abc'"),
                e.getMessage());
        // Java's parser would take these; a CSV reader must not.
        for (String s : new String[] {"1f", "0x10", "1d", "1e", ".", "--1", "1.2.3"}) {
            assertNull(Csv.parse(s), s);
        }
        assertEquals(-0.5f, Csv.parse(" -.5 "));
        assertEquals(Float.NEGATIVE_INFINITY, Csv.parse("-Inf"));
    }

    @Test
    void refusesEmptyValue() throws IOException {
        var e = assertThrows(IOException.class, () -> Csv.read(write("gap.csv", "a,b\n1,\n")));
        assertTrue(e.getMessage().contains("gap.csv, line 2, column 2 ('b')") && e.getMessage().contains("empty value"),
                e.getMessage());
    }

    @Test
    void refusesUnknownLabelColumn() throws IOException {
        Path p = write("iris.csv", IRIS);
        var e = assertThrows(IOException.class, () -> Csv.read(p, Csv.options().label("class")));
        assertTrue(e.getMessage().contains("iris.csv") && e.getMessage().contains("no column named 'class'")
                && e.getMessage().contains("species"), e.getMessage());
        var i = assertThrows(IOException.class, () -> Csv.read(p, Csv.options().label(5)));
        assertTrue(i.getMessage().contains("index 5"), i.getMessage());
    }

    @Test
    void refusesUnclosedQuote() throws IOException {
        var e = assertThrows(IOException.class, () -> Csv.read(write("quote.csv", "a,b\n1,\"2\n")));
        assertTrue(e.getMessage().contains("quote.csv, line 2, column 2") && e.getMessage().contains("not closed"),
                e.getMessage());
    }

    @Test
    void refusesInvalidUtf8() throws IOException {
        Path p = dir.resolve("bin.csv");
        Files.write(p, new byte[] {'a', '\n', '1', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        var e = assertThrows(IOException.class, () -> Csv.read(p));
        assertTrue(e.getMessage().contains("bin.csv") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void refusesFileOverTheSizeLimit() throws IOException {
        Path p = write("big.csv", "a,b\n1,2\n3,4\n");
        var e = assertThrows(IOException.class, () -> Csv.read(p, Csv.options().maxBytes(8)));
        assertTrue(e.getMessage().contains("big.csv") && e.getMessage().contains("limit of 8"), e.getMessage());
    }
}
