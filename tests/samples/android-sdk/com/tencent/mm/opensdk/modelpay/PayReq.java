package com.tencent.mm.opensdk.modelpay;

import com.tencent.mm.opensdk.modelbase.BaseReq;

/** Stand-in of the WeChat OpenSDK's PayReq: its public fields, and a check that each is set. */
public class PayReq extends BaseReq {
    public String appId;
    public String partnerId;
    public String prepayId;
    public String nonceStr;
    public String timeStamp;
    public String packageValue;
    public String sign;

    @Override
    public boolean checkArgs() {
        for (String v : new String[] {appId, partnerId, prepayId, nonceStr, timeStamp, packageValue, sign}) {
            if (v == null || v.isEmpty()) return false;
        }
        return true;
    }
}
