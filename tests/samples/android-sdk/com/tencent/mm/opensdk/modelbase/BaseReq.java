package com.tencent.mm.opensdk.modelbase;

/** Stand-in of the WeChat OpenSDK's request base class. */
public abstract class BaseReq {
    public abstract boolean checkArgs();
}
