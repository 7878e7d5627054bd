import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the GEMM of two or more builds of hebb side by side, in one JVM: each jar gets a class
 * loader of its own, and the builds take turns call by call, so a slow spell of the machine
 * (common here: the same build swings by 30% within a minute) hits them alike. Prints each
 * build's median GFLOP/s and the median, over rounds, of its speed relative to the first.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector scripts/GemmAB.java SHAPE THREADS ROUNDS A.jar B.jar...
 *   SHAPE: n (square) or MxNxK:OP with OP one of NN, NT, TN, TT
 *   a jar may carry its own thread count: B.jar@1
 * </pre>
 *
 * A round is the best of three calls of each build; the first two rounds are warm-up.
 */
public final class GemmAB {
    private GemmAB() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: GemmAB SHAPE THREADS ROUNDS A.jar [B.jar ...]  (SHAPE: n or MxNxK:OP)");
            System.exit(2);
        }
        String[] s = args[0].split("[x:]");
        int m = Integer.parseInt(s[0]);
        int n = s.length > 1 ? Integer.parseInt(s[1]) : m;
        int k = s.length > 2 ? Integer.parseInt(s[2]) : m;
        boolean ta = s.length > 3 && s[3].charAt(0) == 'T';
        boolean tb = s.length > 3 && s[3].charAt(1) == 'T';
        int defaultThreads = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int builds = args.length - 3;

        SplittableRandom r = new SplittableRandom(1);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextDouble(-1, 1);
        }

        Method[] gemm = new Method[builds];
        Method[] setThreads = new Method[builds];
        int[] threads = new int[builds];
        String[] names = new String[builds];
        for (int i = 0; i < builds; i++) {
            String[] jarAndThreads = args[3 + i].split("@");
            names[i] = args[3 + i];
            threads[i] = jarAndThreads.length > 1 ? Integer.parseInt(jarAndThreads[1]) : defaultThreads;
            URLClassLoader loader = new URLClassLoader(new URL[] {new File(jarAndThreads[0]).toURI().toURL()},
                    ClassLoader.getPlatformClassLoader());
            gemm[i] = loader.loadClass("org.hebb.kernels.Gemm").getMethod("gemm", boolean.class, boolean.class,
                    int.class, int.class, int.class, float[].class, int.class, float[].class, int.class,
                    float[].class, int.class, boolean.class);
            setThreads[i] = loader.loadClass("org.hebb.kernels.Parallel").getMethod("setThreads", int.class);
        }

        double flop = 2.0 * m * n * k;
        List<List<Double>> speed = new ArrayList<>();
        List<List<Double>> relative = new ArrayList<>();
        for (int i = 0; i < builds; i++) {
            speed.add(new ArrayList<>());
            relative.add(new ArrayList<>());
        }
        for (int round = 0; round < rounds + 2; round++) {
            double[] best = new double[builds];
            for (int rep = 0; rep < 3; rep++) {
                for (int i = 0; i < builds; i++) {
                    setThreads[i].invoke(null, threads[i]);
                    long t0 = System.nanoTime();
                    gemm[i].invoke(null, ta, tb, m, n, k, a, 0, b, 0, c, 0, false);
                    best[i] = Math.max(best[i], flop / (System.nanoTime() - t0));
                }
            }
            if (round < 2) {
                continue;
            }
            for (int i = 0; i < builds; i++) {
                speed.get(i).add(best[i]);
                relative.get(i).add(best[i] / best[0]);
            }
        }
        for (int i = 0; i < builds; i++) {
            System.out.printf(Locale.ROOT, "%-28s threads=%d median %.1f GFLOP/s, relative to the first: median %.3f [%.3f .. %.3f]%n",
                    names[i], threads[i], median(speed.get(i)), median(relative.get(i)),
                    min(relative.get(i)), max(relative.get(i)));
        }
    }

    private static double median(List<Double> v) {
        double[] x = v.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(x);
        return x[x.length / 2];
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
