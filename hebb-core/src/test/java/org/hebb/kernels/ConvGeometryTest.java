package org.hebb.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConvGeometryTest {

    private static ConvGeometry geo(int h, int w, int k, int s, int d, Padding p) {
        return ConvGeometry.of("test", new int[] {2, h, w, 3}, k, k, s, s, d, d, p);
    }

    /** {outH, padTop, padBottom} of a square geometry, for compact assertions. */
    private static int[] vertical(ConvGeometry g) {
        return new int[] {g.outH(), g.padTop(), g.padBottom()};
    }

    @Test
    void validOutputSizes() {
        assertArrayEquals(new int[] {26, 0, 0}, vertical(geo(28, 28, 3, 1, 1, Padding.VALID)));
        assertArrayEquals(new int[] {6, 0, 0}, vertical(geo(13, 13, 2, 2, 1, Padding.VALID)));
        assertArrayEquals(new int[] {3, 0, 0}, vertical(geo(7, 7, 3, 2, 1, Padding.VALID)));
        // dilation 2 makes a 3x3 kernel span 5 rows: 9 - 5 + 1 = 5
        assertArrayEquals(new int[] {5, 0, 0}, vertical(geo(9, 9, 3, 1, 2, Padding.VALID)));
        assertArrayEquals(new int[] {1, 0, 0}, vertical(geo(5, 5, 5, 1, 1, Padding.VALID)));
    }

    @Test
    void sameMatchesTensorFlowWithTheExtraPadAtBottomRight() {
        // odd input, stride 2: out ceil(5/2) = 3, total pad (3-1)*2 + 3 - 5 = 2 -> 1 / 1
        assertArrayEquals(new int[] {3, 1, 1}, vertical(geo(5, 5, 3, 2, 1, Padding.SAME)));
        // even input, stride 2: out 3, total (3-1)*2 + 3 - 6 = 1 -> 0 top / 1 bottom
        assertArrayEquals(new int[] {3, 0, 1}, vertical(geo(6, 6, 3, 2, 1, Padding.SAME)));
        // stride 1, even kernel: total 3 -> 1 / 2
        assertArrayEquals(new int[] {4, 1, 2}, vertical(geo(4, 4, 4, 1, 1, Padding.SAME)));
        // stride 1, 3x3: 1 / 1
        assertArrayEquals(new int[] {28, 1, 1}, vertical(geo(28, 28, 3, 1, 1, Padding.SAME)));
        // 1x1 stride 2 on 7: out 4, total (4-1)*2 + 1 - 7 = 0
        assertArrayEquals(new int[] {4, 0, 0}, vertical(geo(7, 7, 1, 2, 1, Padding.SAME)));
        // dilation 2, 3x3: extent 5, total 4 -> 2 / 2
        assertArrayEquals(new int[] {7, 2, 2}, vertical(geo(7, 7, 3, 1, 2, Padding.SAME)));
        // a kernel larger than the input is fine with SAME: 5x5 on 2x2, total 4 -> 2 / 2
        assertArrayEquals(new int[] {2, 2, 2}, vertical(geo(2, 2, 5, 1, 1, Padding.SAME)));
    }

    @Test
    void explicitPaddingAndNonSquareShapes() {
        ConvGeometry g = ConvGeometry.of("test", new int[] {1, 5, 8, 2}, 3, 2, 2, 3, 1, 1,
                Padding.explicit(1, 0, 2, 1));
        // H: (5 + 1 + 0 - 3) / 2 + 1 = 2; W: (8 + 2 + 1 - 2) / 3 + 1 = 4
        assertEquals(2, g.outH());
        assertEquals(4, g.outW());
        assertEquals(1, g.padTop());
        assertEquals(0, g.padBottom());
        assertEquals(2, g.padLeft());
        assertEquals(1, g.padRight());
        assertEquals(1 * 2 * 4, g.colRows());
        assertEquals(3 * 2 * 2, g.colCols());
        assertArrayEquals(new int[] {1, 2, 4, 7}, g.outputShape(7));
        assertFalse(g.isPointwise());
        assertTrue(ConvGeometry.of("t", new int[] {1, 3, 3, 4}, 1, 1, 1, 1, 1, 1, Padding.SAME).isPointwise());
        assertFalse(ConvGeometry.of("t", new int[] {1, 3, 3, 4}, 1, 1, 2, 2, 1, 1, Padding.VALID).isPointwise());
    }

    @Test
    void paddingValues() {
        assertSame(Padding.SAME, Padding.of("Same"));
        assertSame(Padding.VALID, Padding.of(" valid "));
        assertEquals(Padding.explicit(1, 1, 2, 2), Padding.explicit(1, 2));
        assertEquals("explicit(top=1, bottom=0, left=2, right=3)", Padding.explicit(1, 0, 2, 3).toString());
        var e = assertThrows(IllegalArgumentException.class, () -> Padding.of("full"));
        assertTrue(e.getMessage().contains("\"full\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Padding.explicit(0, -1, 0, 0));
        assertTrue(e.getMessage().contains("bottom=-1"), e.getMessage());
    }

    @Test
    void badArgumentsNameTheOpAndTheShape() {
        int[] x = {1, 3, 3, 1};
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", new int[] {3, 3, 1}, 2, 2, 1, 1, 1, 1, Padding.VALID));
        assertTrue(e.getMessage().startsWith("myop: ") && e.getMessage().contains("[3, 3, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", x, 4, 4, 1, 1, 1, 1, Padding.VALID));
        assertTrue(e.getMessage().startsWith("myop: ") && e.getMessage().contains("[1, 3, 3, 1]")
                && e.getMessage().contains("4x4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", x, 2, 2, 1, 1, 3, 3, Padding.VALID));
        assertTrue(e.getMessage().contains("dilated extent 4x4"), e.getMessage());
        assertEquals(1, ConvGeometry.of("myop", x, 2, 2, 1, 1, 2, 2, Padding.VALID).outH());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", x, 2, 2, 0, 1, 1, 1, Padding.VALID));
        assertTrue(e.getMessage().startsWith("myop: strides"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", x, 2, 2, 1, 1, 1, 0, Padding.VALID));
        assertTrue(e.getMessage().startsWith("myop: dilation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", x, 0, 2, 1, 1, 1, 1, Padding.VALID));
        assertTrue(e.getMessage().startsWith("myop: window"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", new int[] {1, 0, 3, 1}, 1, 1, 1, 1, 1, 1, Padding.VALID));
        assertTrue(e.getMessage().contains("[1, 0, 3, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConvGeometry.of("myop", x, 1, 1, 1, 1, 1, 1, null));
        assertTrue(e.getMessage().startsWith("myop: padding"), e.getMessage());
        // explicit padding can make a too-large kernel fit
        assertEquals(2, ConvGeometry.of("myop", x, 4, 4, 1, 1, 1, 1, Padding.explicit(1, 1)).outH());
    }
}
