package com.example.shop;

import android.app.Activity;
import android.content.Intent;
import android.net.Uri;
import android.os.Bundle;
import android.widget.TextView;
import androidx.browser.customtabs.CustomTabsIntent;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens the cashier (pay_url) in a Custom Tab and receives the result on the App Link
 * https://shop.example.com/pay-result?order_id=…&status=…, then asks YOUR server whether the
 * order is paid before showing success: the status in the link is only a hint.
 */
public class PayActivity extends Activity {
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final MerchantApi api = new MerchantApi("https://shop.example.com");
    private TextView status;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        status = new TextView(this);
        setContentView(status);
        if (!handleResult(getIntent())) startPayment();
    }

    @Override
    protected void onNewIntent(Intent intent) {
        super.onNewIntent(intent);
        handleResult(intent);
    }

    private void startPayment() {
        io.execute(() -> {
            try {
                MerchantApi.Checkout c = api.checkout("sku-1", 1); // what the buyer chose; the server sets the price
                runOnUiThread(() -> new CustomTabsIntent.Builder().build().launchUrl(this, Uri.parse(c.payUrl)));
            } catch (Exception e) {
                runOnUiThread(() -> status.setText("下单失败：" + e.getMessage()));
            }
        });
    }

    /** The deep link back from the cashier. */
    private boolean handleResult(Intent intent) {
        Uri data = intent.getData();
        if (data == null || !"/pay-result".equals(data.getPath())) return false;
        String orderId = data.getQueryParameter("order_id");
        io.execute(() -> {
            try {
                String confirmed = api.orderStatus(orderId); // ask your server, which asks 聚易付
                runOnUiThread(() -> status.setText("paid".equals(confirmed) ? "支付成功，正在发货" : "支付未完成：" + confirmed));
            } catch (Exception e) {
                runOnUiThread(() -> status.setText("查询失败：" + e.getMessage()));
            }
        });
        return true;
    }
}
