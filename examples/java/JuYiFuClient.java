import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The merchant-server steps with java.net.http (JDK 11+), no other library:
 *   java JuYiFuClient.java create 1000        create an order of ¥10.00, print order_id and pay_url
 *   java JuYiFuClient.java query pay_...      print the order's status (trust this, not the app)
 *   java JuYiFuClient.java refund pay_... 500 refund ¥5.00 of a paid order, print refund_id, status, out_refund_no
 *   java JuYiFuClient.java refund-query ref_... print the refund's status and amount
 *   java JuYiFuClient.java verify body.json   check the JuYiFu-Signature in $SIGNATURE over the raw body
 * Needs JUYIFU_APP_ID, JUYIFU_APP_SECRET, JUYIFU_WEBHOOK_SECRET; JUYIFU_BASE_URL defaults to the sandbox.
 */
public class JuYiFuClient {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BASE = System.getenv().getOrDefault("JUYIFU_BASE_URL", "http://127.0.0.1:4010");
    private static String token;
    private static long tokenExpiresAt;

    /** An answer that is not code 0000: status, sub_code, param and request_id say why. */
    static class JuYiFuException extends Exception {
        final int status;
        final String body;
        JuYiFuException(int status, String body) {
            super(status + " " + body);
            this.status = status;
            this.body = body;
        }
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?\\d+))").matcher(json);
        return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : null;
    }

    static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The access token, fetched again five minutes before it expires. */
    static synchronized String accessToken() throws Exception {
        if (token != null && System.currentTimeMillis() < tokenExpiresAt - 300_000) return token;
        String body = "grant_type=client_credentials&app_id=" + form(System.getenv("JUYIFU_APP_ID"))
            + "&app_secret=" + form(System.getenv("JUYIFU_APP_SECRET"));
        HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (!"0000".equals(field(res.body(), "code"))) throw new JuYiFuException(res.statusCode(), res.body());
        token = field(res.body(), "access_token");
        tokenExpiresAt = System.currentTimeMillis() + Long.parseLong(field(res.body(), "expires_in")) * 1000;
        return token;
    }

    /** One API call; a 401 gets a fresh token once, 429 and 503 wait Retry-After once. */
    static String call(String method, String path, String json, String idempotencyKey) throws Exception {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", "Bearer " + accessToken())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) b.header("Content-Type", "application/json");
            if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
            HttpResponse<String> res = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if ("0000".equals(field(res.body(), "code"))) return res.body();
            if (attempt == 0 && res.statusCode() == 401) { token = null; continue; }
            if (attempt == 0 && (res.statusCode() == 429 || res.statusCode() == 503)) {
                Thread.sleep(1000L * Long.parseLong(res.headers().firstValue("Retry-After").orElse("1")));
                continue;
            }
            throw new JuYiFuException(res.statusCode(), res.body());
        }
    }

    /**
     * JuYiFu-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…], each v1 the hex HMAC-SHA256 of
     * t + "." + raw body under one webhook secret. For a day after a rotation there is one v1 per
     * secret (the new, then the old): the header is good when any v1 matches the secret configured
     * here, so the server may switch to the new secret at any moment of that day.
     */
    static boolean verify(String header, String rawBody) throws Exception {
        Matcher m = Pattern.compile("^t=(\\d+)((?:,v1=[0-9a-f]{64})+)$").matcher(header);
        if (!m.matches() || Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(m.group(1))) > 300) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(System.getenv("JUYIFU_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte x : mac.doFinal((m.group(1) + "." + rawBody).getBytes(StandardCharsets.UTF_8))) hex.append(String.format("%02x", x));
        byte[] expected = hex.toString().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String v1 : m.group(2).substring(4).split(",v1=")) {
            ok |= MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.UTF_8)); // constant time, every v1 compared
        }
        return ok;
    }

    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "create": {
                    // This server's own order number, new for every order; the key is made from it,
                    // so retrying this order can never create a second one.
                    String outTradeNo = "JAVA" + System.currentTimeMillis() + String.format("%04x", new SecureRandom().nextInt(0x10000));
                    String body = "{\"product_id\":\"sku-1\",\"product_name\":\"年度会员\",\"amount\":" + args[1] + ",\"out_trade_no\":\"" + outTradeNo + "\"}";
                    String res = call("POST", "/v1/payments/create", body, "create-" + outTradeNo);
                    System.out.println(field(res, "order_id") + " " + field(res, "pay_url"));
                    break;
                }
                case "query":
                    System.out.println(field(call("GET", "/v1/payments?order_id=" + form(args[1]), null, null), "status"));
                    break;
                case "refund": {
                    // This server's own refund number, new for every refund; the key is made from it,
                    // so retrying this refund can never refund twice. Keep it with the order: the
                    // refund.* webhooks and GET /v1/refunds?out_refund_no= find the refund by it.
                    String outRefundNo = "JRF" + System.currentTimeMillis() + String.format("%04x", new SecureRandom().nextInt(0x10000));
                    String body = "{\"amount\":" + args[2] + ",\"out_refund_no\":\"" + outRefundNo + "\"}";
                    String res = call("POST", "/v1/payments/" + form(args[1]) + "/refunds", body, "refund-" + outRefundNo);
                    System.out.println(field(res, "refund_id") + " " + field(res, "status") + " " + outRefundNo);
                    break;
                }
                case "refund-query": {
                    // pending at first; succeeded (or failed, with failure_code) about 2 s later
                    String res = call("GET", "/v1/refunds/" + form(args[1]), null, null);
                    System.out.println(field(res, "status") + " " + field(res, "amount"));
                    break;
                }
                case "verify":
                    System.out.println(verify(System.getenv("SIGNATURE"), Files.readString(Path.of(args[1]))) ? "valid" : "invalid");
                    break;
                default:
                    System.err.println("create <amount> | query <order_id> | refund <order_id> <amount> | refund-query <refund_id> | verify <body file>");
                    System.exit(64);
            }
        } catch (JuYiFuException e) {
            System.out.println("error " + e.status + " " + field(e.body, "sub_code") + " " + field(e.body, "request_id"));
            System.exit(2);
        }
    }
}
