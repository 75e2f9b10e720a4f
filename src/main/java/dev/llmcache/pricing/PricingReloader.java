package dev.llmcache.pricing;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.stereotype.Component;

/**
 * Reads the pricing configuration again without a restart: the files the server was started with
 * are re-read, {@code cache.pricing} is bound and validated as at start-up, and only a valid table
 * replaces the one in force. Reloads run one at a time.
 */
@Component
public class PricingReloader {

    private static final Logger log = LoggerFactory.getLogger(PricingReloader.class);
    private static final String PREFIX = "cache.pricing";

    private final ConfigurableEnvironment environment;
    private final Validator validator;
    private final PricingTable table;
    private final ConfigFiles files = new ConfigFiles();

    PricingReloader(ConfigurableEnvironment environment, Validator validator, PricingTable table) {
        this.environment = environment;
        this.validator = validator;
        this.table = table;
    }

    /**
     * Puts the re-read table in force and returns it.
     *
     * @param requester who asked, for the log
     * @throws InvalidPricingTableException naming the rows at fault; the table in force stays
     */
    public synchronized List<PricingProperties.Row> reload(String requester) {
        PricingProperties properties;
        try {
            properties = load();
        } catch (InvalidPricingTableException e) {
            log.info("Pricing reload by {} refused: {}", requester, e.getMessage());
            throw e;
        }
        table.replace(properties);
        log.info("Pricing reloaded by {}: {} rows in force{}", requester, properties.models().size(),
                CatalogueAge.catalogueDate(properties.models()).map(date -> ", catalogue dated " + date).orElse(""));
        return table.rows();
    }

    PricingProperties load() {
        MutablePropertySources sources;
        try {
            sources = files.reread(environment.getPropertySources());
        } catch (ConfigFiles.UnreadableFileException e) {
            throw new InvalidPricingTableException(List.of(new InvalidField(e.file(), "cannot be read: " + e.getMessage())));
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources),
                ApplicationConversionService.getSharedInstance());
        PricingProperties properties;
        try {
            properties = binder.bind(PREFIX, Bindable.of(PricingProperties.class)).orElse(null);
        } catch (BindException e) {
            throw new InvalidPricingTableException(List.of(new InvalidField(field(e.getName().toString()),
                    "cannot be read: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage())));
        }
        if (properties == null || properties.models() == null) {
            throw new InvalidPricingTableException(List.of(new InvalidField("models", "is not set: no pricing rows were found")));
        }
        List<InvalidField> errors = validator.validate(properties).stream()
                .map(PricingReloader::error)
                .sorted(Comparator.comparing(InvalidField::field))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidPricingTableException(errors);
        }
        return properties;
    }

    private static InvalidField error(ConstraintViolation<PricingProperties> violation) {
        String path = violation.getPropertyPath().toString();
        return new InvalidField("fallbackPresent".equals(path) ? "models" : path, violation.getMessage());
    }

    /** {@code cache.pricing.models[3].input-per-million} as the API names it: {@code models[3].inputPerMillion}. */
    static String field(String propertyName) {
        String name = propertyName.startsWith(PREFIX + ".") ? propertyName.substring(PREFIX.length() + 1) : propertyName;
        StringBuilder camel = new StringBuilder(name.length());
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
