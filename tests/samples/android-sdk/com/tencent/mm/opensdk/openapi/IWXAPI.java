package com.tencent.mm.opensdk.openapi;

import com.tencent.mm.opensdk.modelbase.BaseReq;

/** Stand-in of the WeChat OpenSDK's API handle. */
public interface IWXAPI {
    boolean registerApp(String appId);

    boolean sendReq(BaseReq req);
}
