package android.content;

/** Stand-in: only the type, so calls that take a Context compile. */
public class Context {}
