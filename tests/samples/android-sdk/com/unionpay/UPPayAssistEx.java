package com.unionpay;

import android.content.Context;

/** Stand-in of the UnionPay plug-in's entry point: prints the tn and mode it was handed. */
public final class UPPayAssistEx {
    private UPPayAssistEx() {}

    public static int startPay(Context context, String spId, String sysProvider, String orderInfo, String mode) {
        System.out.println("UPPayAssistEx.startPay.tn=" + orderInfo);
        System.out.println("UPPayAssistEx.startPay.mode=" + mode);
        return 0;
    }
}
