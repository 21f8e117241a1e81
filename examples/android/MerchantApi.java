import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The app's side of a payment, with OkHttp 3: it talks to YOUR server (the PHP guide's
 * merchant.php), never to 聚易付 directly, so no secret ever ships in the app. It sends what the
 * buyer chose (a product id and a quantity) and never a price: the server prices the order from
 * its own catalogue, as anything the app sends can be changed by whoever holds the phone.
 * It verifies no webhook either: signatures are checked on the server, which holds the secret.
 * Call it off the main thread. On a JVM you can try it:  checkout sku-1 1  |  status pay_...
 */
public class MerchantApi {
    private static final MediaType JSON = MediaType.parse("application/json; charset=utf-8");
    private final OkHttpClient client = new OkHttpClient();
    private final String shop;

    public MerchantApi(String shopUrl) {
        this.shop = shopUrl;
    }

    public static final class Checkout {
        public final String orderId;
        public final String payUrl;

        Checkout(String orderId, String payUrl) {
            this.orderId = orderId;
            this.payUrl = payUrl;
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(json);
        return m.find() ? (m.group(2) != null ? m.group(2).replace("\\/", "/") : m.group(3)) : null;
    }

    /** A product id as a JSON string: its quotes and backslashes escaped. */
    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Asks your server for an order; it prices it, creates it at 聚易付 and hands back the cashier URL. */
    public Checkout checkout(String productId, int quantity) throws IOException {
        String body = "{\"product_id\":" + quote(productId) + ",\"quantity\":" + quantity + "}";
        Request request = new Request.Builder().url(shop + "/checkout").post(RequestBody.create(JSON, body)).build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) throw new IOException("checkout failed: " + response.code() + " " + text);
            return new Checkout(field(text, "order_id"), field(text, "pay_url"));
        }
    }

    /** What your server knows of the order: it trusts only the query API and signed webhooks. */
    public String orderStatus(String orderId) throws IOException {
        Request request = new Request.Builder().url(shop + "/orders/" + orderId).get().build();
        try (Response response = client.newCall(request).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) throw new IOException("status failed: " + response.code() + " " + text);
            return field(text, "status");
        }
    }

    public static void main(String[] args) throws IOException {
        MerchantApi api = new MerchantApi(System.getenv().getOrDefault("SHOP_URL", "http://127.0.0.1:8080"));
        if (args[0].equals("checkout")) {
            Checkout c = api.checkout(args[1], Integer.parseInt(args[2]));
            System.out.println(c.orderId + " " + c.payUrl);
        } else {
            System.out.println(api.orderStatus(args[1]));
        }
    }
}
