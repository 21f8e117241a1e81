package com.tencent.mm.opensdk.openapi;

import android.content.Context;
import com.tencent.mm.opensdk.modelbase.BaseReq;
import com.tencent.mm.opensdk.modelpay.PayReq;

/** Stand-in: an IWXAPI that prints the appid it was made for and every field of the PayReq it is sent. */
public final class WXAPIFactory {
    private WXAPIFactory() {}

    public static IWXAPI createWXAPI(Context context, String appId) {
        System.out.println("WXAPIFactory.createWXAPI.appId=" + appId);
        return new IWXAPI() {
            @Override
            public boolean registerApp(String id) {
                System.out.println("IWXAPI.registerApp.appId=" + id);
                return true;
            }

            @Override
            public boolean sendReq(BaseReq req) {
                PayReq p = (PayReq) req;
                System.out.println("PayReq.appId=" + p.appId);
                System.out.println("PayReq.partnerId=" + p.partnerId);
                System.out.println("PayReq.prepayId=" + p.prepayId);
                System.out.println("PayReq.packageValue=" + p.packageValue);
                System.out.println("PayReq.nonceStr=" + p.nonceStr);
                System.out.println("PayReq.timeStamp=" + p.timeStamp);
                System.out.println("PayReq.sign=" + p.sign);
                System.out.println("PayReq.checkArgs=" + p.checkArgs());
                return p.checkArgs();
            }
        };
    }
}
