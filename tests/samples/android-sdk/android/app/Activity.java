package android.app;

import android.content.Context;

/** Stand-in: an Activity is a Context, as in Android. */
public class Activity extends Context {}
