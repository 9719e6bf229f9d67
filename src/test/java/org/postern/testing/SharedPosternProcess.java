package org.postern.testing;

import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Postern running as its own process, as in production, shared by every test in this JVM that only looks at
 * it (its sockets, its hold on the database) and changes nothing: a parameter of type {@link PosternProcess}. It
 * starts on first use, in a fresh data dir, and stops when the test run ends.
 */
public final class SharedPosternProcess implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedPosternProcess.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PosternProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, type -> Running.start(), Running.class).process();
    }

    /** Closed by JUnit with the root context's store, at the end of the run. */
    private record Running(PosternProcess process) implements AutoCloseable {

        static Running start() {
            return new Running(PosternProcess.start(PosternTestServer.inFreshDataDir().dataDir(),
                    List.of("-Xmx256m")));
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
