package org.hebb.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.hebb.tensor.Rng;
import org.hebb.tensor.Tensor;
import org.hebb.data.Augmentation;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    /** A batch [n, h, w, c] of distinct values 1, 2, 3, ... */
    static Tensor numbered(int n, int h, int w, int c) {
        float[] d = new float[n * h * w * c];
        for (int i = 0; i < d.length; i++) {
            d[i] = i + 1;
        }
        return Tensor.of(d, n, h, w, c);
    }

    static float at(Tensor t, int i, int y, int x, int c) {
        int[] s = t.shape();
        return t.data()[((i * s[1] + y) * s[2] + x) * s[3] + c];
    }

    @Test
    void translationByExactlyOnePixel() {
        Tensor b = numbered(2, 4, 4, 2);
        Tensor right = RandomTranslation.ranges(0, 0, 0.25, 0.25).apply(b, new Rng(1));
        Tensor down = RandomTranslation.ranges(0.25, 0.25, 0, 0).fill(-1f).apply(b, new Rng(1));
        for (int i = 0; i < 2; i++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    for (int c = 0; c < 2; c++) {
                        assertEquals(x == 0 ? 0f : at(b, i, y, x - 1, c), at(right, i, y, x, c));
                        assertEquals(y == 0 ? -1f : at(b, i, y - 1, x, c), at(down, i, y, x, c));
                    }
                }
            }
        }
    }

    @Test
    void nearestTranslationShiftsByTheRoundedWholePixelCount() {
        // 28x28 and a factor 0.1: shifts of u * 2.8 pixels rounded, so -3..3 each way.
        int n = 200;
        Tensor b = numbered(n, 28, 28, 1);
        Tensor out = new RandomTranslation(0.1, 0.1).nearest().apply(b, new Rng(3));
        Rng replay = new Rng(3);
        boolean[] seen = new boolean[7];
        for (int i = 0; i < n; i++) {
            double uy = -0.1 + 0.2 * replay.nextDouble();
            double ux = -0.1 + 0.2 * replay.nextDouble();
            int dy = (int) (Math.signum(uy) * Math.round(Math.abs(uy * 28)));
            int dx = (int) (Math.signum(ux) * Math.round(Math.abs(ux * 28)));
            assertTrue(Math.abs(dy) <= 3 && Math.abs(dx) <= 3, dy + ", " + dx);
            seen[dx + 3] = true;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int sy = y - dy;
                    int sx = x - dx;
                    boolean inside = sy >= 0 && sy < 28 && sx >= 0 && sx < 28;
                    assertEquals(inside ? at(b, i, sy, sx, 0) : 0f, at(out, i, y, x, 0),
                            "image " + i + " shifted by (" + dy + ", " + dx + ") at (" + y + ", " + x + ")");
                }
            }
        }
        for (int d = 0; d < 7; d++) {
            assertTrue(seen[d], "no horizontal shift of " + (d - 3) + " pixels in " + n + " images");
        }
        assertTrue(new RandomTranslation(0.1, 0.1).nearest().toString().contains("nearest"));
    }

    @Test
    void horizontalFlipMirrorsEachImageOrLeavesIt() {
        Tensor b = numbered(40, 3, 5, 2);
        Tensor out = RandomFlip.horizontal().apply(b, new Rng(9));
        Rng replay = new Rng(9);
        int flipped = 0;
        for (int i = 0; i < 40; i++) {
            boolean f = replay.nextDouble() < 0.5;
            flipped += f ? 1 : 0;
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 5; x++) {
                    for (int c = 0; c < 2; c++) {
                        assertEquals(at(b, i, y, f ? 4 - x : x, c), at(out, i, y, x, c));
                    }
                }
            }
        }
        assertTrue(flipped > 5 && flipped < 35, "flipped " + flipped + " of 40");
        Tensor v = RandomFlip.vertical().apply(numbered(1, 2, 1, 1), new Rng(2));
        assertTrue(Arrays.equals(v.data(), new float[] {1, 2}) || Arrays.equals(v.data(), new float[] {2, 1}));
    }

    @Test
    void quarterTurnIsTransposeThenFlipExactly() {
        Tensor b = numbered(1, 5, 5, 3);
        Tensor ccw = RandomRotation.range(0.25, 0.25).apply(b, new Rng(1));
        Tensor cw = RandomRotation.range(-0.25, -0.25).apply(b, new Rng(1));
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                for (int c = 0; c < 3; c++) {
                    // Counter-clockwise (numpy.rot90): out[y][x] = in[x][w-1-y]; clockwise: in[h-1-x][y].
                    assertEquals(at(b, 0, x, 4 - y, c), at(ccw, 0, y, x, c));
                    assertEquals(at(b, 0, 4 - x, y, c), at(cw, 0, y, x, c));
                }
            }
        }
        Tensor half = RandomRotation.range(0.5, 0.5).apply(b, new Rng(1));
        assertEquals(at(b, 0, 4, 4, 1), at(half, 0, 0, 0, 1));
    }

    @Test
    void zoomOneIsIdentityAndZoomTwoHalvesAboutTheCentre() {
        Tensor b = numbered(3, 5, 5, 1);
        assertArrayEquals(b.data(), RandomZoom.range(0, 0).apply(b, new Rng(4)).data(), 0f);
        assertArrayEquals(b.data(), RandomZoom.ranges(0, 0, 0, 0).apply(b, new Rng(4)).data(), 0f);
        Tensor out = RandomZoom.range(1, 1).apply(b, new Rng(4)); // z = 2: zoomed out, content halves
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 5; x++) {
                int sy = 2 * (y - 2) + 2, sx = 2 * (x - 2) + 2;
                float want = sy < 0 || sy > 4 || sx < 0 || sx > 4 ? 0f : at(b, 1, sy, sx, 0);
                assertEquals(want, at(out, 1, y, x, 0));
            }
        }
    }

    @Test
    void erasingOverwritesARectangleOfTheDrawnArea() {
        Tensor ones = Tensor.ones(6, 8, 8, 2);
        Tensor out = new RandomErasing(1.0, 0.25, 0.25, 1.0).fill(-1f).apply(ones, new Rng(11));
        for (int i = 0; i < 6; i++) {
            int minY = 8, maxY = -1, minX = 8, maxX = -1, erased = 0;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    assertEquals(at(out, i, y, x, 0), at(out, i, y, x, 1));
                    if (at(out, i, y, x, 0) == -1f) {
                        erased++;
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    }
                }
            }
            assertEquals(16, erased, "a quarter of 8x8, square (aspect 1)");
            assertEquals(4, maxY - minY + 1);
            assertEquals(4, maxX - minX + 1);
        }
        Tensor random = new RandomErasing(1.0, 0.25, 0.25, 1.0).apply(Tensor.full(-5f, 2, 4, 4, 1), new Rng(1));
        long inRange = 0;
        for (float v : random.data()) {
            if (v != -5f) {
                assertTrue(v >= 0f && v < 1f, "random fill in [0, 1): " + v);
                inRange++;
            }
        }
        assertEquals(8, inRange, "a 2x2 square in each of the two 4x4 images");
        assertArrayEquals(ones.data(), new RandomErasing(0.0, 0.02, 0.4, 0.3).apply(ones, new Rng(1)).data(), 0f);
    }

    static List<Augmentation> all() {
        return List.of(new RandomTranslation(0.2, 0.1), new RandomTranslation(0.1, 0.1).nearest(),
                RandomFlip.horizontalAndVertical(), new RandomRotation(0.1),
                new RandomZoom(0.2), RandomZoom.ranges(-0.1, 0.3, 0.0, 0.2), new RandomErasing(),
                new Compose(RandomFlip.horizontal(), new RandomTranslation(0.1, 0.1), new RandomRotation(0.05),
                        new RandomZoom(0.1), new RandomErasing()));
    }

    @Test
    void sameSeedSameBatchShapePreservedInputUntouched() {
        Rng data = new Rng(0);
        Tensor batch = Tensor.rand(data, 16, 12, 10, 3);
        float[] before = batch.toArray();
        for (Augmentation a : all()) {
            Tensor x = a.apply(batch, new Rng(123));
            Tensor y = a.apply(batch, new Rng(123));
            Tensor z = a.apply(batch, new Rng(124));
            assertArrayEquals(batch.shape(), x.shape(), a.toString());
            assertNotSame(batch.data(), x.data(), a.toString());
            assertArrayEquals(x.data(), y.data(), 0f, a.toString());
            assertFalse(Arrays.equals(x.data(), z.data()), a + ": another seed should change the batch");
            assertFalse(Arrays.equals(x.data(), batch.data()), a + ": should change the batch");
            assertArrayEquals(before, batch.data(), 0f, a + " modified its input");
        }
    }

    @Test
    void oneParameterSetPerImage() {
        // The same image repeated: each copy gets its own rotation, so the copies differ.
        Tensor one = Tensor.rand(new Rng(5), 1, 9, 9, 1);
        float[] rep = new float[4 * 81];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(one.data(), 0, rep, 81 * i, 81);
        }
        Tensor out = new RandomRotation(0.2).apply(Tensor.of(rep, 4, 9, 9, 1), new Rng(2));
        float[] a = Arrays.copyOfRange(out.data(), 0, 81);
        float[] b = Arrays.copyOfRange(out.data(), 81, 162);
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void refusesBadInputAndSettings() {
        Tensor flat = Tensor.zeros(4, 784);
        for (Augmentation a : all()) {
            var e = assertThrows(IllegalArgumentException.class, () -> a.apply(flat, new Rng(1)), a.toString());
            assertTrue(e.getMessage().contains("[N, height, width, channels]") && e.getMessage().contains("[4, 784]"),
                    e.getMessage());
        }
        var t = assertThrows(IllegalArgumentException.class, () -> new RandomTranslation(1.5, 0));
        assertTrue(t.getMessage().startsWith("RandomTranslation: height factor"), t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RandomRotation(-0.1));
        assertThrows(IllegalArgumentException.class, () -> RandomRotation.range(0.2, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new RandomZoom(1.0));
        assertThrows(IllegalArgumentException.class, () -> RandomZoom.range(-1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(1.5, 0.02, 0.4, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing(0.5, 0.5, 0.4, 0.3));
        assertThrows(IllegalArgumentException.class, () -> new RandomErasing().randomFill(1, 0));
        assertThrows(IllegalArgumentException.class, Compose::new);
    }
}
