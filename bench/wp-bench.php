<?php
// WordPress side of bench/vs-wordpress.sh, run with the PHP CLI as the web server's user.
//
//   php wp-bench.php install HOST:PORT            wp_install() and the site's options
//   php wp-bench.php load HOST:PORT ARTICLES MAP  insert the generated articles (JSON lines)
//                                                 and write "index<TAB>permalink" lines to MAP
//
// WordPress is Debian's package: /usr/share/wordpress/wp-config.php reads
// /etc/wordpress/config-$WORDPRESS_CONFIG.php, which the shell script writes (the database,
// WP_HOME/WP_SITEURL from the Host header, DISABLE_WP_CRON).
//
// Why a PHP loader and not a WXR import: the WordPress importer is a plugin that Debian does
// not package, and nothing may be downloaded here. wp_insert_post() is what the importer
// calls anyway; with term counting deferred, cache invalidation suspended and one transaction
// per 500 posts, 10,000 posts load in a few minutes.

if (PHP_SAPI !== 'cli') {
    exit(1);
}
$cmd = $argv[1] ?? '';
$host = $argv[2] ?? '';
if (!in_array($cmd, ['install', 'load'], true) || $host === '') {
    fwrite(STDERR, "usage: php wp-bench.php install|load HOST:PORT [ARTICLES MAP]\n");
    exit(2);
}

$_SERVER['WORDPRESS_CONFIG'] = getenv('WORDPRESS_CONFIG') ?: 'wpbench';
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = preg_replace('/:.*/', '', $host);
$_SERVER['SERVER_PORT'] = preg_replace('/^[^:]*:?/', '', $host) ?: '80';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

const PERMALINKS = '/%category%/%postname%/';
const AUTHOR_NAME = 'Redaksi Warta';
const SITE_NAME = 'Warta';

if ($cmd === 'install') {
    define('WP_INSTALLING', true);
    require '/usr/share/wordpress/wp-load.php';
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    add_filter('pre_wp_mail', '__return_false'); // no "new site" mail (and no sendmail here)
    if (!is_blog_installed()) {
        $r = wp_install(SITE_NAME, 'redaksi', 'redaksi@example.invalid', true, '', wp_generate_password(24));
        fwrite(STDERR, "wp-bench: installed WordPress {$GLOBALS['wp_version']} (user {$r['user_id']})\n");
    }
    update_option('blogdescription', 'Berita terkini dan terpercaya');
    update_option('timezone_string', 'Asia/Jakarta');
    update_option('posts_per_page', 20); // Warta's listings show 20 too
    update_option('default_comment_status', 'closed');
    update_option('default_ping_status', 'closed');
    // Set here, in its own process: taxonomies register their rewrite tags (%category%) at
    // init only when a permalink structure exists, and `load` flushes the rules after that.
    update_option('permalink_structure', PERMALINKS);
    wp_update_user(['ID' => 1, 'display_name' => AUTHOR_NAME, 'nickname' => AUTHOR_NAME]);
    exit(0);
}

// load
$articles = $argv[3] ?? '';
$map = $argv[4] ?? '';
if (!is_readable($articles) || $map === '') {
    fwrite(STDERR, "wp-bench: load needs a readable ARTICLES file and a MAP path\n");
    exit(2);
}
require '/usr/share/wordpress/wp-load.php';
global $wpdb;

wp_set_current_user(1);
if (get_option('permalink_structure') !== PERMALINKS) {
    fwrite(STDERR, "wp-bench: run install first\n");
    exit(1);
}
flush_rewrite_rules(false); // nginx routes everything to index.php: no .htaccess

// The sample post and page of a fresh install would show among the news.
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => 10,
    'post_name__in' => ['hello-world', 'sample-page']]) as $sample) {
    wp_delete_post($sample->ID, true);
}

wp_defer_term_counting(true);
wp_suspend_cache_invalidation(true);
// No pingbacks or enclosure checks for generated text that links nowhere.
remove_action('publish_post', '_publish_post_hook', 5);

$categories = [];
function category_id(array &$categories, string $name): int {
    if (!isset($categories[$name])) {
        $t = term_exists($name, 'category');
        if (!$t) {
            $t = wp_insert_term($name, 'category');
        }
        if (is_wp_error($t)) {
            fwrite(STDERR, "wp-bench: category $name: " . $t->get_error_message() . "\n");
            exit(1);
        }
        $categories[$name] = (int) $t['term_id'];
    }
    return $categories[$name];
}

$in = fopen($articles, 'r');
$out = fopen($map, 'w');
$n = 0;
$t0 = microtime(true);
$wpdb->query('START TRANSACTION');
while (($line = fgets($in)) !== false) {
    $a = json_decode($line, true);
    if (!is_array($a)) {
        fwrite(STDERR, "wp-bench: bad JSON on line " . ($n + 1) . "\n");
        exit(1);
    }
    // The same visible text as Warta's article page: "CITY, Warta – " opens the lead and the
    // sign-off closes the body. Gutenberg paragraph blocks, as the block editor stores them.
    $paras = $a['body'];
    $paras[0] = '<strong>' . esc_html($a['dateline']) . ', ' . SITE_NAME . '</strong> – ' . esc_html($paras[0]);
    for ($k = 1; $k < count($paras); $k++) {
        $paras[$k] = esc_html($paras[$k]);
    }
    $paras[] = esc_html($a['signoff']);
    $content = '';
    foreach ($paras as $p) {
        $content .= "<!-- wp:paragraph -->\n<p>$p</p>\n<!-- /wp:paragraph -->\n\n";
    }
    $when = new DateTime($a['published_at']);
    $local = (clone $when)->setTimezone(new DateTimeZone('Asia/Jakarta'))->format('Y-m-d H:i:s');
    $gmt = (clone $when)->setTimezone(new DateTimeZone('UTC'))->format('Y-m-d H:i:s');
    $id = wp_insert_post([
        'post_title' => $a['headline'],
        'post_excerpt' => $a['dek'],
        'post_content' => $content,
        'post_status' => 'publish',
        'post_author' => 1,
        'post_date' => $local,
        'post_date_gmt' => $gmt,
        'post_category' => [category_id($categories, $a['rubrik'])],
        'tags_input' => $a['tags'],
        'comment_status' => 'closed',
        'ping_status' => 'closed',
    ], true);
    if (is_wp_error($id)) {
        fwrite(STDERR, "wp-bench: article {$a['i']}: " . $id->get_error_message() . "\n");
        exit(1);
    }
    fwrite($out, $a['i'] . "\t" . get_permalink($id) . "\n");
    if (++$n % 500 === 0) {
        $wpdb->query('COMMIT');
        $wpdb->query('START TRANSACTION');
        fprintf(STDERR, "wp-bench: %d posts (%.0f/s)\n", $n, $n / (microtime(true) - $t0));
    }
}
$wpdb->query('COMMIT');
wp_suspend_cache_invalidation(false);
wp_defer_term_counting(false); // recounts the deferred terms
fclose($out);
fprintf(STDERR, "wp-bench: loaded %d posts in %.0f s\n", $n, microtime(true) - $t0);
