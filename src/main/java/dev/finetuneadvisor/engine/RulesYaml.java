package dev.finetuneadvisor.engine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * How every YAML file of a rules directory is read ({@code assumptions.yaml}, {@code fields.yaml},
 * {@code article.yaml}, {@code reports.yaml}): strictly, a repeated key being an error, and through
 * {@link Files} so the file may sit inside the jar (the bundled rules).
 */
public final class RulesYaml {
    private static final YAMLFactory FACTORY = factory();

    private RulesYaml() {
    }

    private static YAMLFactory factory() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        return YAMLFactory.builder().loaderOptions(loader).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    /** A parser over the file; closing it closes the file. */
    public static JsonParser open(Path file) throws IOException {
        return FACTORY.createParser(Files.newInputStream(file));
    }

    /** A parser over bytes read already (a file whose bytes are kept as read), as strict as over a file. */
    public static JsonParser open(InputStream in) throws IOException {
        return FACTORY.createParser(in);
    }
}
