package dev.llmcache.web;

import jakarta.validation.Validator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every mistake of a JSON body in one answer: when a field has the wrong type, the body is read
 * again without it, then again without the next one that fails, and the object that finally reads
 * is validated, so that the client hears of the type errors and of the missing or invalid fields at
 * once. Top-level fields only; anything else keeps the first error alone.
 */
final class AllFieldErrors {

    private AllFieldErrors() {
    }

    /**
     * The errors of the body, starting with {@code first}; just {@code first} when the body cannot be
     * read again or a failure is not on a top-level field.
     */
    static List<FieldError> collect(FieldError first, byte[] body, Class<?> type, JsonMapper mapper, Validator validator) {
        List<FieldError> typeErrors = new ArrayList<>(List.of(first));
        if (body == null || !type.isRecord() || first.field().contains(".") || first.field().contains("[")) {
            return typeErrors;
        }
        ObjectNode tree;
        try {
            JsonNode parsed = mapper.readTree(body);
            if (!(parsed instanceof ObjectNode object)) {
                return typeErrors;
            }
            tree = object;
        } catch (JacksonException e) {
            return typeErrors;
        }
        tree.remove(first.field());
        Set<String> failed = new LinkedHashSet<>(List.of(first.field()));
        Object value = null;
        for (int attempt = 0; attempt < type.getRecordComponents().length && value == null; attempt++) {
            try {
                value = mapper.treeToValue(tree, type);
            } catch (JacksonException e) {
                String field = topLevelField(e);
                if (field == null || !failed.add(field)) {
                    return typeErrors;
                }
                tree.remove(field);
                typeErrors.add(new FieldError(field, JsonInputErrors.describe(e).message()));
            }
        }
        if (value == null) {
            return typeErrors;
        }
        List<FieldError> all = new ArrayList<>(typeErrors);
        validator.validate(value).stream()
                .map(violation -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                .filter(error -> !failed.contains(root(error.field())))
                .sorted(inDeclarationOrder(type))
                .forEach(all::add);
        return all;
    }

    private static String topLevelField(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        return path.size() == 1 ? path.get(0).getPropertyName() : null;
    }

    /** Errors in the order the record declares its fields (then by path), so that answers do not vary from run to run. */
    static Comparator<FieldError> inDeclarationOrder(Class<?> type) {
        return Comparator.comparingInt((FieldError error) -> order(type, root(error.field()))).thenComparing(FieldError::field);
    }

    private static String root(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) == '.' || path.charAt(i) == '[') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    private static int order(Class<?> type, String field) {
        if (!type.isRecord()) {
            return 0;
        }
        List<String> names = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        int index = names.indexOf(field);
        return index < 0 ? names.size() : index;
    }
}
