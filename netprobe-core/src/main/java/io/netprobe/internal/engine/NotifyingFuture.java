package io.netprobe.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import javax.annotation.Nullable;

/**
 * A backend's future that hands its outcome to one listener directly, where a dependent stage ({@code handle}) would
 * keep two more objects alive per probe in flight: the client's in-flight bound listens to the future of every probe,
 * tens of thousands at once, and each object they keep alive is copied by every young collection meanwhile. Complete
 * it with {@link #complete}, {@link #completeExceptionally} or {@link #cancel} (subclasses overriding them call
 * these); other ways of completing it do not tell the listener. Thread-safe.
 */
public class NotifyingFuture<R> extends CompletableFuture<R> {
  private static final Object NOTIFIED = new Object();
  private static final VarHandle LISTENER;

  static {
    try {
      LISTENER = MethodHandles.lookup().findVarHandle(NotifyingFuture.class, "listener", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Null, the listener, or once the outcome went to it (or came before one listened): the failure, or {@link
   * #NOTIFIED} for a value.
   */
  private volatile @Nullable Object listener;

  /**
   * Hands the outcome to {@code l} once, like {@code handle(l)}: now, on this thread, when this future is already
   * done; else on the thread that completes it. One listener per future.
   */
  public void listen(BiFunction<? super R, ? super Throwable, ?> l) {
    if (LISTENER.compareAndSet(this, null, l)) {
      return;
    }
    Object outcome = listener;
    if (outcome instanceof Throwable failure) {
      l.apply(null, failure);
    } else {
      l.apply(join(), null);
    }
  }

  @Override
  public boolean complete(@Nullable R value) {
    boolean completed = super.complete(value);
    if (completed) {
      notifyListener(value, null);
    }
    return completed;
  }

  @Override
  public boolean completeExceptionally(Throwable ex) {
    boolean completed = super.completeExceptionally(ex);
    if (completed) {
      notifyListener(null, ex);
    }
    return completed;
  }

  /**
   * Cancels this future with a {@link CancellationException} of its own, which the listener gets — the same one a
   * later listener gets (JDK 25's {@code join} throws a new one each time, wrapping it).
   */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    CancellationException cancelled = new CancellationException();
    boolean completed = super.completeExceptionally(cancelled); // what CompletableFuture.cancel does, with our own
    if (completed) {
      notifyListener(null, cancelled);
    }
    return completed || isCancelled();
  }

  @SuppressWarnings("unchecked")
  private void notifyListener(@Nullable R value, @Nullable Throwable error) {
    // a failure stays in the slot: a listener that comes later gets it as it was, not as join() rethrows it
    Object l = LISTENER.getAndSet(this, error != null ? error : NOTIFIED);
    if (l instanceof BiFunction) {
      ((BiFunction<? super R, ? super Throwable, ?>) l).apply(value, error);
    }
  }
}
