package com.alipay.sdk.app;

import android.app.Activity;
import java.util.Collections;
import java.util.Map;

/** Stand-in of the Alipay SDK's PayTask: prints the order string it was handed. */
public class PayTask {
    public PayTask(Activity activity) {}

    public Map<String, String> payV2(String orderInfo, boolean showPayLoading) {
        System.out.println("PayTask.payV2.orderInfo=" + orderInfo);
        System.out.println("PayTask.payV2.showPayLoading=" + showPayLoading);
        return Collections.singletonMap("resultStatus", "6001");
    }
}
