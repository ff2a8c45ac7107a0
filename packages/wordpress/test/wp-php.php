<?php
/**
 * For the tests: runs the PHP code on standard input inside WordPress and
 * prints what it returns as JSON after a marker line. Arguments: the
 * WordPress folder and the site's URL (its host and path choose the site of
 * a network). WP_TEST_INSTALLING=1 loads WordPress as its installer does.
 *
 * @package Vereinsraum
 */

$vereinsraum_url              = parse_url( $argv[2] );
$_SERVER['HTTP_HOST']         = $vereinsraum_url['host'] . ( isset( $vereinsraum_url['port'] ) ? ':' . $vereinsraum_url['port'] : '' );
$_SERVER['SERVER_NAME']       = $vereinsraum_url['host'];
$_SERVER['SERVER_PORT']       = isset( $vereinsraum_url['port'] ) ? $vereinsraum_url['port'] : 80;
$_SERVER['REQUEST_URI']       = isset( $vereinsraum_url['path'] ) ? $vereinsraum_url['path'] : '/';
$_SERVER['REQUEST_METHOD']    = 'GET';
$_SERVER['SERVER_PROTOCOL']   = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR']       = '127.0.0.1';
if ( getenv( 'WP_TEST_INSTALLING' ) ) {
	define( 'WP_INSTALLING', true );
}
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

$vereinsraum_result = eval( stream_get_contents( STDIN ) ); // phpcs:ignore Squiz.PHP.Eval.Discouraged -- the test's own code.
echo "\n@@RESULT@@\n" . wp_json_encode( $vereinsraum_result );
