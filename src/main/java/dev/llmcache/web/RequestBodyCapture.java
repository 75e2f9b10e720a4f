package dev.llmcache.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Keeps the bytes of a JSON request body (already bounded by the request size limit) beside the
 * request, so that when one field has the wrong type, {@link AllFieldErrors} can read the body again
 * and report every other mistake in the same answer instead of one per try.
 */
@ControllerAdvice
class RequestBodyCapture extends RequestBodyAdviceAdapter {

    static final String BODY = RequestBodyCapture.class.getName() + ".body";
    static final String TYPE = RequestBodyCapture.class.getName() + ".type";

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        return targetType instanceof Class<?> type && type.isRecord() && type.getName().startsWith("dev.llmcache.");
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(BODY, body, RequestAttributes.SCOPE_REQUEST);
            attributes.setAttribute(TYPE, targetType, RequestAttributes.SCOPE_REQUEST);
        }
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        };
    }
}
