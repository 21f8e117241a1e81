import android.app.Activity;
import com.alipay.sdk.app.PayTask;
import com.tencent.mm.opensdk.modelpay.PayReq;
import com.tencent.mm.opensdk.openapi.IWXAPI;
import com.tencent.mm.opensdk.openapi.WXAPIFactory;
import com.unionpay.UPPayAssistEx;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the provider's own SDK with an order's `credential`, for the app pay ways: your server
 * creates the order with pay_way alipay_app, wechat_app or unionpay_app and passes the answer's
 * `credential` object on to the app as it is (JSON text). Every value is used unchanged: the
 * signatures cover them, so an app that rebuilds or reorders them breaks the payment.
 * Whatever the SDK reports, ask YOUR server for the order's status before showing success.
 */
public final class PayRequests {
    /** UnionPay's environment: "01" is its test environment, "00" production. */
    static final String UNIONPAY_MODE = "01";

    private PayRequests() {}

    /** Alipay: the whole order_str to PayTask.payV2. It blocks until the payer is done: call it off the main thread. */
    public static Map<String, String> alipay(Activity activity, String credential) {
        return new PayTask(activity).payV2(field(credential, "order_str"), true);
    }

    /** WeChat: each credential field into the OpenSDK's PayReq (`package` goes to packageValue). */
    public static PayReq wechatPayReq(String credential) {
        PayReq req = new PayReq();
        req.appId = field(credential, "appid");
        req.partnerId = field(credential, "partnerid");
        req.prepayId = field(credential, "prepayid");
        req.packageValue = field(credential, "package");
        req.nonceStr = field(credential, "noncestr");
        req.timeStamp = field(credential, "timestamp");
        req.sign = field(credential, "sign");
        return req;
    }

    /** WeChat: sends the PayReq; the result arrives in your WXPayEntryActivity. */
    public static boolean wechat(Activity activity, String credential) {
        PayReq req = wechatPayReq(credential);
        IWXAPI api = WXAPIFactory.createWXAPI(activity, req.appId);
        api.registerApp(req.appId);
        return api.sendReq(req);
    }

    /** UnionPay: tn to the plug-in; the result arrives in onActivityResult. */
    public static void unionpay(Activity activity, String credential) {
        UPPayAssistEx.startPay(activity, null, null, field(credential, "tn"), UNIONPAY_MODE);
    }

    /** Starts the SDK of `payWay` with its credential. */
    public static void start(Activity activity, String payWay, String credential) {
        switch (payWay) {
            case "alipay_app":
                alipay(activity, credential);
                break;
            case "wechat_app":
                wechat(activity, credential);
                break;
            case "unionpay_app":
                unionpay(activity, credential);
                break;
            default:
                throw new IllegalArgumentException("not an app pay way: " + payWay);
        }
    }

    /** A string field of a JSON object, its escapes undone; null when absent. */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) return null;
        StringBuilder out = new StringBuilder();
        String s = m.group(1);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            if (e == 'u') {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                out.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e == 'b' ? '\b' : e == 'f' ? '\f' : e);
            }
        }
        return out.toString();
    }

    /** On a JVM, with stand-ins of the SDKs:  java PayRequests wechat_app '{"appid":"wx…",…}' */
    public static void main(String[] args) {
        start(new Activity(), args[0], args[1]);
    }
}
