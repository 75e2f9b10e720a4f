package dev.llmcache.pricing;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The application's property sources with every configuration file read again from disk: the
 * packaged defaults, {@code config/application.yml}, files named by {@code spring.config.import}
 * or {@code --spring.config.location}. Command-line arguments, environment variables and other
 * sources that are not files stay as they were at start-up. Each document of a file replaces the
 * same document; documents added to a file since start-up are not seen (a restart reads them).
 */
final class ConfigFiles {

    private static final Pattern DOCUMENT = Pattern.compile("^(.*) \\(document #(\\d+)\\)$");

    private final List<PropertySourceLoader> loaders =
            SpringFactoriesLoader.loadFactories(PropertySourceLoader.class, ConfigFiles.class.getClassLoader());

    /**
     * The sources in the same order, files re-read.
     *
     * @throws UnreadableFileException when a file cannot be read or parsed any more
     */
    MutablePropertySources reread(MutablePropertySources current) {
        MutablePropertySources fresh = new MutablePropertySources();
        for (PropertySource<?> source : current) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue; // a view over the old sources, rebuilt by the binder
            }
            Optional<Resource> file = fileOf(source);
            fresh.addLast(file.isPresent() ? reload(source, file.get()) : source);
        }
        return fresh;
    }

    private static Optional<Resource> fileOf(PropertySource<?> source) {
        if (!(source instanceof OriginTrackedMapPropertySource tracked) || tracked.getPropertyNames().length == 0) {
            return Optional.empty();
        }
        Origin origin = tracked.getOrigin(tracked.getPropertyNames()[0]);
        while (origin != null && !(origin instanceof TextResourceOrigin)) {
            origin = origin.getParent();
        }
        return origin == null ? Optional.empty() : Optional.ofNullable(((TextResourceOrigin) origin).getResource());
    }

    private PropertySource<?> reload(PropertySource<?> source, Resource resource) {
        Matcher document = DOCUMENT.matcher(source.getName());
        String baseName = document.matches() ? document.group(1) : source.getName();
        PropertySourceLoader loader = loaders.stream().filter(l -> handles(l, resource)).findFirst().orElse(null);
        if (loader == null) {
            return source;
        }
        List<PropertySource<?>> documents;
        try {
            documents = loader.load(baseName, resource);
        } catch (IOException | RuntimeException e) {
            throw new UnreadableFileException(resource.getDescription(), e);
        }
        return documents.stream().filter(d -> d.getName().equals(source.getName())).findFirst()
                .or(() -> !document.matches() && documents.size() == 1 ? Optional.of(documents.get(0)) : Optional.empty())
                .orElseGet(() -> new MapPropertySource(source.getName(), Map.of()));
    }

    private static boolean handles(PropertySourceLoader loader, Resource resource) {
        String filename = resource.getFilename();
        if (filename == null) {
            return false;
        }
        for (String extension : loader.getFileExtensions()) {
            if (filename.toLowerCase(Locale.ROOT).endsWith("." + extension)) {
                return true;
            }
        }
        return false;
    }

    /** A configuration file that could be read at start-up but cannot now. */
    static final class UnreadableFileException extends RuntimeException {

        private final String file;

        UnreadableFileException(String file, Throwable cause) {
            super(firstLine(cause.getMessage()), cause);
            this.file = file;
        }

        String file() {
            return file;
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "unreadable";
            }
            int end = message.indexOf('\n');
            return end < 0 ? message : message.substring(0, end);
        }
    }
}
