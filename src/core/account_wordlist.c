/*
 * account_wordlist.c — passwords too common or too guessable to allow
 * (guideline 5.4(3): パスワードは推測されにくいものにする).
 *
 * A password is refused when, after folding (fold_key: NFKC, lower case,
 * kana unified, spaces dropped),
 *   - it, or its core with leading and trailing digits and symbols removed,
 *     is in the list below ("password1234", "!kasumigaseki2026");
 *   - it is one unit repeated ("aaaaaaaaaaaa", "abcabcabcabc");
 *   - its letters alone, without digits and symbols, are listed or
 *     repeated ("pass-word-2026", "soumu.soumu.soumu");
 *   - it is a straight run ("abcdefghijkl", "987654321098");
 *   - it lies along a keyboard walk ("qwertyuiopas", "1qaz2wsx3edc").
 * The list holds the most common passwords of public leak studies, words
 * of Japanese offices and places, and romanised everyday Japanese; entries
 * are already folded (lower case, katakana).
 */
#include <stdlib.h>
#include <string.h>

#include "core/account_internal.h"
#include "util/buf.h"

static const char *const common[] = {
	/* the international top of the leak lists */
	"password", "passw0rd", "p@ssw0rd", "p@ssword", "pass", "passwd", "pass1234",
	"123456", "1234567", "12345678", "123456789", "1234567890", "12345678910",
	"123123", "123321", "654321", "111111", "000000", "666666", "121212", "112233",
	"123qwe", "qwe123", "1q2w3e", "1q2w3e4r", "1q2w3e4r5t", "q1w2e3r4", "zaq1zaq1",
	"qwerty", "qwertyuiop", "qwerty123", "azerty", "asdf", "asdfgh", "asdfghjkl",
	"zxcvbn", "zxcvbnm", "qazwsx", "1qaz2wsx", "zaq12wsx", "qweasd", "qweasdzxc",
	"abc123", "abcd1234", "a1b2c3", "aa123456", "iloveyou", "letmein", "welcome",
	"welcome1", "monkey", "dragon", "master", "sunshine", "princess", "football",
	"baseball", "soccer", "hockey", "superman", "batman", "spiderman", "starwars",
	"shadow", "michael", "jennifer", "jordan", "jessica", "charlie", "thomas",
	"daniel", "andrew", "robert", "hunter", "ranger", "buster", "tigger", "pepper",
	"ginger", "cookie", "cheese", "chocolate", "banana", "orange", "summer", "winter",
	"spring", "autumn", "freedom", "whatever", "trustno1", "secret", "mysecret",
	"login", "admin", "administrator", "root", "toor", "user", "guest", "test",
	"testtest", "test1234", "demo", "default", "changeme", "change", "temp",
	"temporary", "letmein1", "access", "computer", "internet", "server", "system",
	"security", "network", "database", "oracle", "windows", "microsoft", "google",
	"apple", "samsung", "android", "iphone", "facebook", "twitter", "linkedin",
	"hello", "helloworld", "hellokitty", "loveme", "lovely", "love", "princess1",
	"flower", "angel", "killer", "matrix", "mustang", "harley", "ferrari", "porsche",
	"corvette", "mercedes", "yankees", "liverpool", "arsenal", "chelsea", "barcelona",
	"qwer1234", "asdf1234", "zxcv1234", "1qazxsw2", "q1w2e3r4t5", "1a2b3c4d",
	"poiuytrewq", "lkjhgfdsa", "mnbvcxz", "abcdefg", "abcdef", "abcabc", "aaaaaa",
	"passport", "starwars1", "blink182", "nirvana", "metallica", "pokemon",
	"minecraft", "fortnite", "roblox", "naruto", "onepiece", "dragonball",
	"doraemon", "pikachu", "totoro", "ghibli", "anpanman", "gundam", "evangelion",
	"sailormoon", "kitty", "snoopy", "mickey", "minnie", "disney", "tokyodisney",
	/* mamori itself and the guideline's vocabulary */
	"mamori", "mamoru", "mamori123", "guideline", "policy", "seculity",
	"infosec", "ciso", "csirt", "lgwan", "mynumber", "mainanba", "mainanbaa",
	"kojinjoho", "kojinjouhou", "joho", "jouhou", "johoseisaku", "jouhouseisaku",
	"johosecurity", "jouhousecurity", "security1", "sekyuriti", "sekyuritei",
	"kansa", "tokatsu", "toukatsu", "sekininsha", "kanrisha", "tantosha",
	/* government, offices and places */
	"kasumigaseki", "nagatacho", "soumu", "somu", "soumusho", "somusho", "soumushou",
	"naikaku", "naikakufu", "digital", "digitalcho", "dejitaru", "kokkai", "kancho",
	"kanchou", "yakusho", "yakuba", "shiyakusho", "kuyakusho", "choyakusho",
	"chouyakusho", "sonyakuba", "kencho", "kenchou", "tocho", "tochou", "fucho",
	"fuchou", "dochou", "jichitai", "chihojichi", "chihoukoukyoudantai", "koumuin",
	"komuin", "shokuin", "shichou", "shicho", "chouchou", "sonchou", "chiji",
	"kacho", "kachou", "bucho", "buchou", "kakaricho", "kakarichou", "shunin",
	"juminhyo", "juuminhyou", "koseki", "zeimu", "nenkin", "hoken", "fukushi",
	"kyouiku", "kyoiku", "shobo", "shoubou", "suido", "suidou", "gikai",
	"nippon", "nihon", "japan", "tokyo", "osaka", "kyoto", "yokohama", "nagoya",
	"sapporo", "fukuoka", "kobe", "sendai", "hiroshima", "okinawa", "hokkaido",
	"kyushu", "shikoku", "honshu", "fujisan", "fujiyama", "sakurajima", "shibuya",
	"shinjuku", "ikebukuro", "akihabara", "ginza", "asakusa", "kanto", "kansai",
	"reiwa", "heisei", "showa", "taisho", "meiji", "nendo", "gannen",
	/* everyday Japanese, romanised */
	"sakura", "hanami", "momiji", "yuki", "hana", "sora", "umi", "yama", "hikari",
	"nozomi", "kibou", "kibo", "yume", "ai", "aishiteru", "daisuki", "suki",
	"arigatou", "arigato", "konnichiwa", "konnichiha", "konbanwa", "ohayou",
	"ohayo", "sayonara", "sayounara", "ganbare", "ganbaru", "ganbatte", "himitsu",
	"pasuwado", "pasuwaado", "pasuwado1", "anshin", "anzen", "daijoubu", "daijobu",
	"genki", "shiawase", "tanoshii", "kawaii", "sugoi", "neko", "inu", "nekochan",
	"wanchan", "usagi", "tanuki", "kitsune", "tora", "ryu", "doragon", "ninja",
	"samurai", "shogun", "sushi", "ramen", "tempura", "sake", "ocha", "gohan",
	"tamago", "ringo", "mikan", "ichigo", "momo", "suika", "baseball1", "yakyu",
	"yakyuu", "sakka", "sakkaa", "tennis", "golf", "judo", "kendo", "karate",
	"sumo", "yokozuna", "giants", "tigers", "hanshin", "kyojin", "carp",
	"dragons", "swallows", "baystars", "hawks", "lions", "fighters", "marines",
	"yamada", "tanaka", "suzuki", "sato", "satou", "takahashi", "watanabe", "ito",
	"itou", "nakamura", "kobayashi", "yamamoto", "kato", "katou", "yoshida",
	"yamaguchi", "matsumoto", "inoue", "kimura", "hayashi", "shimizu", "taro",
	"tarou", "hanako", "ichiro", "ichirou", "yamadataro", "yamadatarou",
	/* in kana (fold_key turns hiragana into katakana) */
	"パスワード", "アイシテル", "ダイスキ", "アリガトウ", "サクラ",
	"ヒミツ", "ガンバレ", "コンニチハ", "ヤマダタロウ",
	/* keyboard rows and walks */
	"qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc", "1qaz2wsx3edc4rfv", "qazwsxedc",
	"qazwsxedcrfv", "zaq12wsxcde3", "!qaz2wsx", "1q2w3e4r5t6y", "q1w2e3r4t5y6",
	"asdfghjkl;", "zxcvbnm,./", "1234qwer", "1234qwerasdf", "qwerasdfzxcv",
	"!@#$%^&*", "!@#$%^&*()", "1234567890-=", "0987654321", "9876543210",
	"1111", "2222", "0000", "1234", "4321", "12341234", "11223344", "aabbccdd",
};
#define NCOMMON (sizeof common / sizeof common[0])

static int listed(const char *s, size_t len)
{
	for (size_t i = 0; i < NCOMMON; i++)
		if (strlen(common[i]) == len && memcmp(common[i], s, len) == 0)
			return 1;
	return 0;
}

static int is_filler(unsigned char c)
{
	return c < 0x80 && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z');
}

/* Digits and ASCII symbols around a word add little: "!password2026!". */
static int core_listed(const char *s)
{
	size_t len = strlen(s), start = 0;
	while (start < len && is_filler((unsigned char)s[start]))
		start++;
	while (len > start && is_filler((unsigned char)s[len - 1]))
		len--;
	return len > start && listed(s + start, len - start);
}

/* The whole string is one unit said at least twice: a repeat adds nothing. */
static int repeated(const char *s)
{
	size_t len = strlen(s);
	for (size_t unit = 1; unit <= len / 2; unit++) {
		if (len % unit)
			continue;
		size_t i = unit;
		while (i < len && s[i] == s[i - unit])
			i++;
		if (i == len)
			return 1;
	}
	return 0;
}

/* The letters alone, without the digits and symbols between them. */
static char *letters_of(const char *s)
{
	char *out = xstrdup(s), *w = out;
	for (const char *p = s; *p; p++)
		if (!is_filler((unsigned char)*p))
			*w++ = *p;
	*w = '\0';
	return out;
}

/* Every byte one more (or one less) than the one before: abcdef, 987654. */
static int straight_run(const char *s)
{
	size_t len = strlen(s);
	int up = 1, down = 1;
	for (size_t i = 1; i < len; i++) {
		int d = (unsigned char)s[i] - (unsigned char)s[i - 1];
		up &= d == 1 || (s[i] == '0' && s[i - 1] == '9');
		down &= d == -1 || (s[i] == '9' && s[i - 1] == '0');
	}
	return len > 1 && (up || down);
}

/* Walks along a keyboard, forwards or backwards. */
static const char *const walks[] = {
	"`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./",
	"qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/-['=]",
	"zaq12wsxcde34rfvbgt56yhnmju78ik,.lo90p;/-", "qazwsxedcrfvtgbyhnujmikolp",
	"1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0", "a1s2d3f4g5h6j7k8l9",
};

static int along_walk(const char *s)
{
	size_t len = strlen(s);
	char *rev = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		rev[i] = s[len - 1 - i];
	rev[len] = '\0';
	int hit = 0;
	for (size_t i = 0; i < sizeof walks / sizeof walks[0] && !hit; i++)
		hit = strstr(walks[i], s) || strstr(walks[i], rev);
	free(rev);
	return hit;
}

int acct_password_is_common(const char *folded)
{
	if (listed(folded, strlen(folded)) || core_listed(folded) || repeated(folded) ||
	    straight_run(folded) || along_walk(folded))
		return 1;
	/* "pass-word-2026", "soumu.soumu.soumu" */
	char *letters = letters_of(folded);
	int hit = *letters && (listed(letters, strlen(letters)) || repeated(letters));
	sodium_memzero(letters, strlen(letters));
	free(letters);
	return hit;
}
