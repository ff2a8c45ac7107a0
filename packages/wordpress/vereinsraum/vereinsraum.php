<?php
/**
 * Plugin Name:       Vereinsraum
 * Description:       Join buttons, live room status and booking forms of your Vereinsraum server on your pages: a block and shortcodes that keep working whoever edits the page.
 * Version:           1.0.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            Vereinsraum
 * License:           MIT
 * License URI:       https://opensource.org/licenses/MIT
 * Text Domain:       vereinsraum
 * Domain Path:       /languages
 *
 * @package Vereinsraum
 */

defined( 'ABSPATH' ) || exit;

define( 'VEREINSRAUM_VERSION', '1.0.0' );
define( 'VEREINSRAUM_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-vereinsraum-settings.php';
require_once __DIR__ . '/includes/class-vereinsraum-assets.php';
require_once __DIR__ . '/includes/class-vereinsraum-embed.php';

add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'vereinsraum', false, dirname( plugin_basename( VEREINSRAUM_FILE ) ) . '/languages' );
	},
	1
);

Vereinsraum_Settings::init();
Vereinsraum_Assets::init();
Vereinsraum_Embed::init();
