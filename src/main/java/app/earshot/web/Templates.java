package app.earshot.web;

import freemarker.ext.beans.ZeroArgumentNonVoidMethodPolicy;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Renders the FreeMarker templates under {@code /templates} (auto-escaping {@code .ftlh}) to strings. */
public final class Templates {
    private final Configuration config;

    public Templates() {
        config = new Configuration(Configuration.VERSION_2_3_34);
        config.setClassForTemplateLoading(Templates.class, "/templates");
        config.setDefaultEncoding(StandardCharsets.UTF_8.name());
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setFallbackOnNullLoopVariable(false);
        DefaultObjectWrapperBuilder wrapper = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34);
        // Lets templates read record components as properties: ${page.title}.
        wrapper.setRecordZeroArgumentNonVoidMethodPolicy(ZeroArgumentNonVoidMethodPolicy.BOTH_METHOD_AND_PROPERTY_UNLESS_BEAN_PROPERTY_READ_METHOD);
        config.setObjectWrapper(wrapper.build());
    }

    /** Renders {@code name} (e.g. {@code page.ftlh}) with {@code model}; a template error is a bug, so it is unchecked. */
    public String render(String name, Map<String, ?> model) {
        try {
            StringWriter out = new StringWriter(8192);
            config.getTemplate(name).process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("template " + name, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + name + " failed: " + e.getMessageWithoutStackTop(), e);
        }
    }
}
