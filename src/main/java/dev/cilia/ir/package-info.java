/**
 * The typed intermediate representation: immutable records and sealed interfaces with names
 * resolved and values validated. No ANTLR types, no nulls. Built by {@code check}, read by {@code
 * lower} and {@code verify}; never by {@code eval}.
 */
package dev.cilia.ir;
