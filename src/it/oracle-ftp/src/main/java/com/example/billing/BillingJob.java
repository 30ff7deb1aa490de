package com.example.billing;

/** Sends the night's invoices to the partner. */
public final class BillingJob {
  public static void main(String[] args) {
    System.out.println("billing");
  }
}
