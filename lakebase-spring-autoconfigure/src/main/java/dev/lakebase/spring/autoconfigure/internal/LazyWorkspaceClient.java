package dev.lakebase.spring.autoconfigure.internal;

import com.databricks.sdk.WorkspaceClient;
import java.util.function.Supplier;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.AbstractLazyCreationTargetSource;

/**
 * A {@link WorkspaceClient} that builds the real client on its first use. Building a client
 * resolves Databricks unified auth (files, environment, sometimes HTTP calls); the core only needs
 * the client at the first physical connect, so an application boots while the workspace is
 * unreachable, and one that never mints (static password) never builds the client at all.
 */
public final class LazyWorkspaceClient {

  private LazyWorkspaceClient() {}

  /**
   * A proxy calling {@code client} on the first method call; a failed creation is retried on the
   * next call.
   *
   * @param client builds the real client
   * @return the proxy
   */
  public static WorkspaceClient of(Supplier<WorkspaceClient> client) {
    ProxyFactory factory = new ProxyFactory();
    factory.setProxyTargetClass(true);
    factory.setTargetSource(new AbstractLazyCreationTargetSource() {
      @Override
      public Class<?> getTargetClass() {
        return WorkspaceClient.class;
      }

      @Override
      protected Object createObject() {
        return client.get();
      }
    });
    return (WorkspaceClient) factory.getProxy(WorkspaceClient.class.getClassLoader());
  }
}
