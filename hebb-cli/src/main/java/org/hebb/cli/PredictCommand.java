package org.hebb.cli;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.hebb.data.FashionMnist;
import org.hebb.data.Idx;
import org.hebb.tensor.Tensor;
import org.hebb.train.Model;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hebb predict MODEL FILE...}: the class of each image and the top probabilities. A file
 * is a PNG (or JPEG), turned to grey and scaled to 28x28 — Fashion-MNIST images are light
 * objects on black — or an IDX images file (every image in it, up to {@code --limit}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify images (PNG, or an IDX images file) with a saved model.")
public final class PredictCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Run folder (runs/...) or model folder.")
    Path modelPath;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "PNG/JPEG images or IDX images files.")
    List<Path> files;

    @Option(names = "--top", defaultValue = "3", description = "How many classes to show (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--limit", defaultValue = "10", description = "Images read from an IDX file (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Model m = ModelArgs.load(modelPath);
        List<String> names = new ArrayList<>();
        List<float[]> images = new ArrayList<>();
        for (Path f : files) {
            String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.contains("idx") || n.endsWith(".gz") || n.endsWith("-ubyte")) {
                Idx.UByteArray a = Idx.read(f);
                if (a.dims().length != 3 || a.dims()[1] != 28 || a.dims()[2] != 28) {
                    throw new IOException(f + ": expected IDX images [N, 28, 28], got dimensions "
                            + java.util.Arrays.toString(a.dims()));
                }
                for (int i = 0; i < Math.min(limit, a.count()); i++) {
                    float[] px = new float[784];
                    for (int j = 0; j < 784; j++) {
                        px[j] = (a.data()[i * 784 + j] & 0xFF) / 255f;
                    }
                    names.add(f.getFileName() + "[" + i + "]");
                    images.add(px);
                }
            } else {
                names.add(f.getFileName().toString());
                images.add(readImage(f));
            }
        }
        float[] x = new float[images.size() * 784];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, x, i * 784, 784);
        }
        Tensor p = m.predict(Tensor.of(x, images.size(), 28, 28, 1));
        int k = p.dim(1);
        for (int i = 0; i < images.size(); i++) {
            Integer[] order = new Integer[k];
            for (int j = 0; j < k; j++) {
                order[j] = j;
            }
            final int row = i;
            java.util.Arrays.sort(order, (a, b) -> Float.compare(p.get(row, b), p.get(row, a)));
            StringBuilder line = new StringBuilder(names.get(i)).append(": ");
            for (int t = 0; t < Math.min(top, k); t++) {
                int c = order[t];
                String label = c < FashionMnist.CLASSES.size() ? FashionMnist.CLASSES.get(c) : "class " + c;
                line.append(t == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", label, p.get(row, c)));
            }
            out.println(line);
        }
        out.flush();
        return 0;
    }

    /** A PNG/JPEG as 28x28 grey values in [0, 1]. */
    static float[] readImage(Path f) throws IOException {
        BufferedImage img = ImageIO.read(f.toFile());
        if (img == null) {
            throw new IOException(f + ": not an image this JVM can read (PNG, JPEG, GIF, BMP)");
        }
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, 28, 28, null);
        g.dispose();
        float[] px = new float[784];
        byte[] raw = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < 784; i++) {
            px[i] = (raw[i] & 0xFF) / 255f;
        }
        return px;
    }
}
