package dev.finetuneadvisor.server;

/**
 * One route of the server: a method and an exact path, whether it is open without the access token (the page, its
 * files, the health check), the name it has in the metrics, and what answers it.
 */
public record Route(String method, String path, boolean open, Handler handler) {
    /** Answers one request: reads it from the exchange, writes the answer to it, or throws an {@link HttpError}. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    public static Route get(String path, Handler handler) {
        return new Route("GET", path, false, handler);
    }

    public static Route post(String path, Handler handler) {
        return new Route("POST", path, false, handler);
    }

    /** This route without the access token (the page, its files, the health check). */
    public Route withoutToken() {
        return new Route(method, path, true, handler);
    }
}
