package dev.llmcache.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Strict request parsing, so that what is stored is exactly what was sent: a number or boolean
 * where the contract wants a string is a 400, not silently turned into text; a key sent twice in
 * one object is a 400, not "the last one wins" (spring.jackson.read.strict-duplicate-detection in
 * application.yml, with the other property-based settings); a number no double can carry (1e400) is a
 * 400, not Infinity.
 */
@Configuration(proxyBeanMethods = false)
public class JacksonConfiguration {

    @Bean
    JsonMapperBuilderCustomizer strictTextual() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    @Bean
    JsonMapperBuilderCustomizer wellFormedText() {
        return builder -> builder.addModule(WellFormedText.module());
    }

    @Bean
    JsonMapperBuilderCustomizer finiteNumbers() {
        return builder -> builder.addModule(FiniteNumbers.module());
    }
}
