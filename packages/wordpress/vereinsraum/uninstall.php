<?php
/**
 * Removes the plugin's settings when the plugin is deleted: every site's and
 * the network's.
 *
 * @package Vereinsraum
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

if ( is_multisite() ) {
	$vereinsraum_sites = get_sites(
		array(
			'fields' => 'ids',
			'number' => 0, // Every site, not only the first 100.
		)
	);
	foreach ( $vereinsraum_sites as $vereinsraum_site ) {
		switch_to_blog( $vereinsraum_site );
		delete_option( 'vereinsraum' );
		restore_current_blog();
	}
	delete_site_option( 'vereinsraum_network' );
} else {
	delete_option( 'vereinsraum' );
}
