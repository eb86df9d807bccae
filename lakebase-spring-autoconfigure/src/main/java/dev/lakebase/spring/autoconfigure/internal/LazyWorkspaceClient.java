package dev.lakebase.spring.autoconfigure.internal;

import com.databricks.sdk.WorkspaceClient;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.AbstractLazyCreationTargetSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A {@link WorkspaceClient} that looks up the real bean on its first use. Building a client
 * resolves Databricks unified auth (files, environment, sometimes HTTP calls); the core only needs
 * the client at the first physical connect, so an application boots while the workspace is
 * unreachable, and one that never mints (static password) never builds the client at all.
 */
public final class LazyWorkspaceClient {

  private LazyWorkspaceClient() {}

  /**
   * A proxy resolving {@code clients.getObject()} on the first method call; a failed resolution
   * is retried on the next call.
   *
   * @param clients the bean provider
   * @return the proxy
   */
  public static WorkspaceClient of(ObjectProvider<WorkspaceClient> clients) {
    ProxyFactory factory = new ProxyFactory();
    factory.setProxyTargetClass(true);
    factory.setTargetSource(new AbstractLazyCreationTargetSource() {
      @Override
      public Class<?> getTargetClass() {
        return WorkspaceClient.class;
      }

      @Override
      protected Object createObject() {
        return clients.getObject();
      }
    });
    return (WorkspaceClient) factory.getProxy(WorkspaceClient.class.getClassLoader());
  }
}
