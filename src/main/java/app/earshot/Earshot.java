package app.earshot; public class Earshot { public static void main(String[] a){} }
