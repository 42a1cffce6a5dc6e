package lemon.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.funqy.Funq;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import lemon.run.Json;
import lemon.workflow.TaskDispatcher;

/**
 * Lets the local workflow runner call @Funq methods in-process, by the same names Funqy exports
 * them under, with the same JSON binding a Lambda invocation would go through.
 */
public final class FunqDispatcher implements TaskDispatcher {
    private record Target(Object bean, Method method) {}

    private final Map<String, Target> functions = new TreeMap<>();

    public FunqDispatcher(Object... beans) {
        for (Object bean : beans) {
            for (Method m : userClass(bean).getMethods()) {
                Funq funq = m.getAnnotation(Funq.class);
                if (funq != null) {
                    String name = funq.value().isEmpty() ? m.getName() : funq.value();
                    if (functions.put(name, new Target(bean, m)) != null) {
                        throw new IllegalStateException("two @Funq functions are named " + name);
                    }
                }
            }
        }
    }

    public static java.util.Set<String> functionNames(Class<?> type) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Method m : type.getMethods()) {
            Funq funq = m.getAnnotation(Funq.class);
            if (funq != null) {
                names.add(funq.value().isEmpty() ? m.getName() : funq.value());
            }
        }
        return names;
    }

    @Override
    public JsonNode invoke(String functionName, JsonNode input) throws Exception {
        Target t = functions.get(functionName);
        if (t == null) {
            throw new IllegalArgumentException("no function '" + functionName + "'; known: " + functions.keySet());
        }
        Object[] args = t.method().getParameterCount() == 0
                ? new Object[0]
                : new Object[] {Json.MAPPER.treeToValue(input, t.method().getParameterTypes()[0])};
        try {
            return Json.MAPPER.valueToTree(t.method().invoke(t.bean(), args));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** CDI client proxies are subclasses; annotations live on the class we wrote. */
    private static Class<?> userClass(Object bean) {
        Class<?> c = bean.getClass();
        while (c.getName().contains("_ClientProxy") || c.getName().contains("_Subclass")) {
            c = c.getSuperclass();
        }
        return c;
    }
}
