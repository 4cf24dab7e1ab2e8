/**
 * {@code usm context list|use}: the named credential sets (contexts) of the login file that {@code usm login
 * --context} writes and {@code --context} selects; the file itself is {@code login.CliConfigFile}.
 */
package io.connectusm.cli.context;
