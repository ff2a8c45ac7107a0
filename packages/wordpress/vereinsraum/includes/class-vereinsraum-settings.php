<?php
/**
 * The settings: the Vereinsraum server's address and the default tenant, for
 * a site (Settings → Vereinsraum) and, on a network where the plugin is
 * network-active, for the whole network (Network Admin → Settings →
 * Vereinsraum). A site's own value wins; an empty one takes the network's.
 *
 * @package Vereinsraum
 */

defined( 'ABSPATH' ) || exit;

/**
 * Settings pages, their validation, and the values in effect.
 */
class Vereinsraum_Settings {

	/** Option of a site. */
	const OPTION = 'vereinsraum';

	/** Network option (multisite). */
	const NETWORK_OPTION = 'vereinsraum_network';

	/** Tenant and room ids: lowercase letters, digits and inner hyphens, 1 to 64 characters (as the server's rule). */
	const ID_PATTERN = '/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/';

	/**
	 * Hooks the settings pages in.
	 */
	public static function init() {
		add_action( 'admin_init', array( __CLASS__, 'register' ) );
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
		add_action( 'network_admin_menu', array( __CLASS__, 'add_network_page' ) );
		add_action( 'network_admin_edit_vereinsraum', array( __CLASS__, 'save_network' ) );
		add_action( 'admin_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
	}

	/**
	 * The values in effect on the current site: `server` (an origin, without
	 * a trailing slash) and `tenant`, each '' when unset.
	 *
	 * @return array{server: string, tenant: string}
	 */
	public static function get() {
		$site    = self::stored( get_option( self::OPTION ) );
		$network = is_multisite() ? self::stored( get_site_option( self::NETWORK_OPTION ) ) : self::stored( null );
		return array(
			'server' => '' !== $site['server'] ? $site['server'] : $network['server'],
			'tenant' => '' !== $site['tenant'] ? $site['tenant'] : $network['tenant'],
		);
	}

	/**
	 * A stored option as two strings.
	 *
	 * @param mixed $value What get_option() returned.
	 * @return array{server: string, tenant: string}
	 */
	private static function stored( $value ) {
		$value = is_array( $value ) ? $value : array();
		return array(
			'server' => isset( $value['server'] ) && is_string( $value['server'] ) ? $value['server'] : '',
			'tenant' => isset( $value['tenant'] ) && is_string( $value['tenant'] ) ? $value['tenant'] : '',
		);
	}

	/**
	 * Is `$id` a valid tenant or room id?
	 *
	 * @param string $id The id.
	 * @return bool
	 */
	public static function is_valid_id( $id ) {
		return is_string( $id ) && 1 === preg_match( self::ID_PATTERN, $id );
	}

	/**
	 * The server address as stored: `https://host[:port]`, or `http://` for
	 * this computer (localhost, 127.0.0.1, [::1]); no path, query or
	 * fragment. Null when `$value` is no such address.
	 *
	 * @param string $value What was typed.
	 * @return string|null
	 */
	public static function normalize_server( $value ) {
		$value = rtrim( trim( (string) $value ), '/' );
		if ( '' === $value ) {
			return '';
		}
		$parts = wp_parse_url( $value );
		if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
			return null;
		}
		$scheme   = strtolower( $parts['scheme'] );
		$host     = strtolower( $parts['host'] );
		$loopback = in_array( $host, array( 'localhost', '127.0.0.1', '[::1]' ), true );
		if ( isset( $parts['path'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) || isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return null;
		}
		if ( 'https' !== $scheme && ! ( 'http' === $scheme && $loopback ) ) {
			return null;
		}
		if ( 1 !== preg_match( '/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$|^\[::1\]$/', $host ) ) {
			return null;
		}
		return $scheme . '://' . $host . ( isset( $parts['port'] ) ? ':' . (int) $parts['port'] : '' );
	}

	/**
	 * Checks what was sent; a value that is not valid keeps the old one and
	 * yields a message that says why.
	 *
	 * @param mixed $input What the form sent.
	 * @param mixed $old   The stored option.
	 * @return array{values: array{server: string, tenant: string}, errors: array<string, string>}
	 */
	public static function validate( $input, $old ) {
		$input  = is_array( $input ) ? wp_unslash( $input ) : array();
		$values = self::stored( $old );
		$errors = array();

		$server = self::normalize_server( isset( $input['server'] ) ? $input['server'] : '' );
		if ( null === $server ) {
			$errors['server'] = sprintf(
				/* translators: %s: what the user typed */
				__( '“%s” is not a server address. Enter it as your operator gave it, starting with https:// and without a path, for example https://vereinsraum.example-stadt.de. The old address is kept.', 'vereinsraum' ),
				sanitize_text_field( $input['server'] )
			);
		} else {
			$values['server'] = $server;
		}

		$tenant = isset( $input['tenant'] ) ? strtolower( trim( (string) $input['tenant'] ) ) : '';
		if ( '' !== $tenant && ! self::is_valid_id( $tenant ) ) {
			$errors['tenant'] = sprintf(
				/* translators: %s: what the user typed */
				__( '“%s” is not a tenant id. It has lowercase letters, digits and hyphens only, for example tsv-musterstadt. The old tenant is kept.', 'vereinsraum' ),
				sanitize_text_field( $input['tenant'] )
			);
		} else {
			$values['tenant'] = $tenant;
		}
		return array(
			'values' => $values,
			'errors' => $errors,
		);
	}

	/**
	 * Registers the site's option with the Settings API.
	 */
	public static function register() {
		register_setting(
			self::OPTION,
			self::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( __CLASS__, 'sanitize_site' ),
				'default'           => array(
					'server' => '',
					'tenant' => '',
				),
			)
		);
	}

	/**
	 * The Settings API's sanitizer of the site's option.
	 *
	 * @param mixed $input What the form sent.
	 * @return array{server: string, tenant: string}
	 */
	public static function sanitize_site( $input ) {
		$result = self::validate( $input, get_option( self::OPTION ) );
		foreach ( $result['errors'] as $field => $message ) {
			add_settings_error( self::OPTION, 'vereinsraum-' . $field, $message );
		}
		return $result['values'];
	}

	/**
	 * Adds Settings → Vereinsraum.
	 */
	public static function add_page() {
		add_options_page(
			__( 'Vereinsraum', 'vereinsraum' ),
			__( 'Vereinsraum', 'vereinsraum' ),
			'manage_options',
			'vereinsraum',
			array( __CLASS__, 'render_page' )
		);
	}

	/**
	 * Adds Network Admin → Settings → Vereinsraum.
	 */
	public static function add_network_page() {
		add_submenu_page(
			'settings.php',
			__( 'Vereinsraum', 'vereinsraum' ),
			__( 'Vereinsraum', 'vereinsraum' ),
			'manage_network_options',
			'vereinsraum',
			array( __CLASS__, 'render_network_page' )
		);
	}

	/**
	 * The script of the check button, on the plugin's settings pages only.
	 *
	 * @param string $hook_suffix The admin page.
	 */
	public static function enqueue( $hook_suffix ) {
		if ( 'settings_page_vereinsraum' !== $hook_suffix ) {
			return;
		}
		wp_enqueue_script(
			'vereinsraum-settings',
			plugins_url( 'admin/settings.js', VEREINSRAUM_FILE ),
			array( 'wp-i18n' ),
			VEREINSRAUM_VERSION,
			true
		);
		wp_set_script_translations( 'vereinsraum-settings', 'vereinsraum', plugin_dir_path( VEREINSRAUM_FILE ) . 'languages' );
	}

	/**
	 * Settings → Vereinsraum.
	 */
	public static function render_page() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		$values  = self::stored( get_option( self::OPTION ) );
		$network = is_multisite() ? self::stored( get_site_option( self::NETWORK_OPTION ) ) : null;
		echo '<div class="wrap"><h1>' . esc_html__( 'Vereinsraum', 'vereinsraum' ) . '</h1>';
		settings_errors( self::OPTION );
		echo '<form method="post" action="options.php">';
		settings_fields( self::OPTION );
		self::render_fields( $values, $network );
		submit_button();
		echo '</form></div>';
	}

	/**
	 * Network Admin → Settings → Vereinsraum.
	 */
	public static function render_network_page() {
		if ( ! current_user_can( 'manage_network_options' ) ) {
			return;
		}
		$values = self::stored( get_site_option( self::NETWORK_OPTION ) );
		echo '<div class="wrap"><h1>' . esc_html__( 'Vereinsraum', 'vereinsraum' ) . '</h1>';
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only which notice to show, after the redirect of save_network().
		$errors = isset( $_GET['vereinsraum-errors'] ) ? get_site_transient( 'vereinsraum_errors_' . get_current_user_id() ) : false;
		if ( is_array( $errors ) ) {
			delete_site_transient( 'vereinsraum_errors_' . get_current_user_id() );
			foreach ( $errors as $message ) {
				echo '<div class="notice notice-error"><p>' . esc_html( $message ) . '</p></div>';
			}
		} elseif ( isset( $_GET['updated'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended
			echo '<div class="notice notice-success"><p>' . esc_html__( 'Settings saved.', 'vereinsraum' ) . '</p></div>';
		}
		echo '<p>' . esc_html__( 'These settings apply to every site of the network that leaves the field empty on its own settings page (Settings → Vereinsraum).', 'vereinsraum' ) . '</p>';
		echo '<form method="post" action="' . esc_url( network_admin_url( 'edit.php?action=vereinsraum' ) ) . '">';
		wp_nonce_field( 'vereinsraum-network' );
		self::render_fields( $values, null );
		submit_button();
		echo '</form></div>';
	}

	/**
	 * Saves the network's settings (the form of render_network_page()).
	 */
	public static function save_network() {
		check_admin_referer( 'vereinsraum-network' );
		if ( ! current_user_can( 'manage_network_options' ) ) {
			wp_die( esc_html__( 'Sorry, you are not allowed to change these settings.', 'vereinsraum' ), 403 );
		}
		// phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- validate() checks every field.
		$input  = isset( $_POST[ self::OPTION ] ) ? $_POST[ self::OPTION ] : array();
		$result = self::validate( $input, get_site_option( self::NETWORK_OPTION ) );
		update_site_option( self::NETWORK_OPTION, $result['values'] );
		$args = array( 'page' => 'vereinsraum' );
		if ( $result['errors'] ) {
			set_site_transient( 'vereinsraum_errors_' . get_current_user_id(), array_values( $result['errors'] ), 5 * MINUTE_IN_SECONDS );
			$args['vereinsraum-errors'] = '1';
		} else {
			$args['updated'] = 'true';
		}
		wp_safe_redirect( add_query_arg( $args, network_admin_url( 'settings.php' ) ) );
		exit;
	}

	/**
	 * The two fields, the check button and where its answer goes.
	 *
	 * @param array{server: string, tenant: string}      $values  The stored values of this page.
	 * @param array{server: string, tenant: string}|null $network The network's values, on a site of a network.
	 */
	private static function render_fields( $values, $network ) {
		$home = wp_parse_url( home_url() );
		$home = $home['scheme'] . '://' . $home['host'] . ( isset( $home['port'] ) ? ':' . $home['port'] : '' );
		?>
		<p><?php esc_html_e( 'Ask your Vereinsraum operator (often your city or association) for the server address and your tenant, and tell them the address of this website, so that they allow it.', 'vereinsraum' ); ?></p>
		<table class="form-table" role="presentation">
			<tr>
				<th scope="row"><label for="vereinsraum-server"><?php esc_html_e( 'Server address', 'vereinsraum' ); ?></label></th>
				<td>
					<input type="url" id="vereinsraum-server" name="<?php echo esc_attr( self::OPTION ); ?>[server]" class="regular-text code" value="<?php echo esc_attr( $values['server'] ); ?>" placeholder="<?php echo esc_attr( $network && '' !== $network['server'] ? $network['server'] : 'https://vereinsraum.example-stadt.de' ); ?>" aria-describedby="vereinsraum-server-description" />
					<p class="description" id="vereinsraum-server-description">
						<?php
						if ( $network && '' !== $network['server'] ) {
							/* translators: %s: the network's server address */
							echo esc_html( sprintf( __( 'Leave empty to use the network’s server, %s.', 'vereinsraum' ), $network['server'] ) );
						} else {
							esc_html_e( 'Starts with https://, without a path.', 'vereinsraum' );
						}
						?>
					</p>
				</td>
			</tr>
			<tr>
				<th scope="row"><label for="vereinsraum-tenant"><?php esc_html_e( 'Tenant', 'vereinsraum' ); ?></label></th>
				<td>
					<input type="text" id="vereinsraum-tenant" name="<?php echo esc_attr( self::OPTION ); ?>[tenant]" class="regular-text code" value="<?php echo esc_attr( $values['tenant'] ); ?>" placeholder="<?php echo esc_attr( $network && '' !== $network['tenant'] ? $network['tenant'] : 'tsv-musterstadt' ); ?>" spellcheck="false" autocapitalize="none" aria-describedby="vereinsraum-tenant-description" />
					<p class="description" id="vereinsraum-tenant-description">
						<?php
						if ( $network && '' !== $network['tenant'] ) {
							/* translators: %s: the network's tenant id */
							echo esc_html( sprintf( __( 'Your club’s id on the server. Leave empty to use the network’s, %s. A block or shortcode can name another.', 'vereinsraum' ), $network['tenant'] ) );
						} else {
							esc_html_e( 'Your club’s id on the server, for example tsv-musterstadt. A block or shortcode can name another.', 'vereinsraum' );
						}
						?>
					</p>
				</td>
			</tr>
		</table>
		<p>
			<button type="button" class="button" id="vereinsraum-check" data-home="<?php echo esc_attr( $home ); ?>" data-network-server="<?php echo esc_attr( $network ? $network['server'] : '' ); ?>" data-network-tenant="<?php echo esc_attr( $network ? $network['tenant'] : '' ); ?>"><?php esc_html_e( 'Check the connection', 'vereinsraum' ); ?></button>
		</p>
		<p class="description"><?php esc_html_e( 'Your browser asks the server whether pages of this website may use the tenant. Nothing is saved.', 'vereinsraum' ); ?></p>
		<div id="vereinsraum-check-result" role="status" aria-live="polite"></div>
		<?php
	}
}
