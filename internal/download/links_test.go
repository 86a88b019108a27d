package download

import (
	"net/url"
	"strings"
	"testing"
)

const realBase = "https://download.microsoft.com"

const realLink = "https://download.microsoft.com/download/7/1/D/71D86715-5596-4529-9B13-DA13A5DE5B63/ServiceTags_Public_20251028.json"

func mustBase(tb testing.TB) *url.URL {
	tb.Helper()
	u, err := url.Parse(realBase)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

func TestExtractDetailsLink(t *testing.T) {
	t.Parallel()
	older := strings.Replace(realLink, "20251028", "20251013", 1)
	tests := []struct {
		name, page, want, wantErr string
	}{
		{name: "realistic page", page: detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", realLink}), want: realLink},
		{name: "newest of several", page: detailsPageHTML([2]string{"ServiceTags_Public_20251013.json", older}, [2]string{"ServiceTags_Public_20251028.json", realLink}), want: realLink},
		{name: "no semicolon, spaces around =", page: `<script>window.__DLCDetails__ = {"dlcDetailsView":{"downloadFile":[{"name":"x","url":"` + realLink + `"}]}}</script>`, want: realLink},
		{name: "escaped slashes", page: `<script>window.__DLCDetails__={"downloadFile":[{"url":"` + strings.ReplaceAll(realLink, "/", `\/`) + `"}]}</script>`, want: realLink},
		{name: "other clouds and files ignored", page: detailsPageHTML([2]string{"ServiceTags_China_20251028.json", "https://evil.example/ServiceTags_China_20251028.json"}, [2]string{"readme.txt", "https://evil.example/readme.txt"}, [2]string{"ServiceTags_Public_20251028.json", realLink}), want: realLink},
		{name: "foreign host", page: detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", "https://download.microsoft.com.evil.example/ServiceTags_Public_20251028.json"}), wantErr: "download.microsoft.com.evil.example"},
		{name: "userinfo trick", page: detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", "https://download.microsoft.com@evil.example/ServiceTags_Public_20251028.json"}), wantErr: "rejected discovered link"},
		{name: "plain http", page: detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", "http://download.microsoft.com/x/ServiceTags_Public_20251028.json"}), wantErr: "only https://download.microsoft.com"},
		{name: "one foreign among good ones", page: detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", realLink}, [2]string{"ServiceTags_Public_20251013.json", "https://evil.example/ServiceTags_Public_20251013.json"}), wantErr: "evil.example"},
		{name: "no marker", page: `<html><body>Sorry, this download is no longer available.</body></html>`, wantErr: "no window.__DLCDetails__ data"},
		{name: "no file", page: detailsPageHTML(), wantErr: "nothing named ServiceTags_Public_<date>.json"},
		{name: "broken JSON", page: `<script>window.__DLCDetails__={"downloadFile":[{"url":"` + realLink + `"}</script>`, wantErr: "not valid JSON"},
		{name: "marker without object", page: `<script>if (window.__DLCDetails__) {}</script>`, wantErr: "no window.__DLCDetails__ data"},
		{name: "bad date", page: detailsPageHTML([2]string{"x", strings.Replace(realLink, "20251028", "2025102", 1)}), wantErr: "nothing named"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := extractLink([]byte(tt.page), "Public", mustBase(t))
			if tt.wantErr != "" {
				mustContain(t, err, tt.wantErr)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestExtractConfirmationLink(t *testing.T) {
	t.Parallel()
	got, err := extractLink([]byte(confirmationPageHTML(realLink)), "Public", mustBase(t))
	if err != nil || got != realLink {
		t.Fatalf("got %q, %v", got, err)
	}
	// Entities in attributes are decoded.
	withQuery := realLink + "?a=1&b=2"
	page := strings.Replace(confirmationPageHTML(withQuery), "&b=", "&amp;b=", 1)
	if got, err := extractLink([]byte(page), "Public", mustBase(t)); err != nil || got != withQuery {
		t.Fatalf("got %q, %v", got, err)
	}
	// A confirmation page that embeds the details object instead still works.
	if got, err := extractLink([]byte(detailsPageHTML([2]string{"n", realLink})), "Public", mustBase(t)); err != nil || got != realLink {
		t.Fatalf("got %q, %v", got, err)
	}
	_, err = extractLink([]byte(confirmationPageHTML("https://evil.example/ServiceTags_Public_20251028.json")), "Public", mustBase(t))
	mustContain(t, err, "https://evil.example/ServiceTags_Public_20251028.json")
	_, err = extractLink([]byte(`<a href="/download/ServiceTags_Public_20251028.json">x</a>`), "Public", mustBase(t))
	mustContain(t, err, "rejected discovered link")
	_, err = extractLink([]byte(`<html></html>`), "Public", mustBase(t))
	mustContain(t, err, "no link")
}

func FuzzExtractDetailsLink(f *testing.F) {
	f.Add(detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", realLink}), "Public")
	f.Add(detailsPageHTML([2]string{"ServiceTags_Public_20251028.json", "https://download.microsoft.com@evil/ServiceTags_Public_20251028.json"}), "Public")
	f.Add(`window.__DLCDetails__={"url":"https://download.microsoft.com//evil.example/ServiceTags_China_20260720.json"}`, "China")
	f.Add(`window.__DLCDetails__={"url":"HTTPS://DOWNLOAD.microsoft.com/ServiceTags_AzureGovernment_20260720.json#x"}`, "AzureGovernment")
	f.Add(`window.__DLCDetails__=window.__DLCDetails__={{{"`, "Public")
	f.Add(`window.__DLCDetails__={"a":[[[[{"url":"https://download.microsoft.com/%2e%2e/ServiceTags_Public_20251028.json"}]]]]}`, "Public")
	f.Fuzz(func(t *testing.T, page, cloud string) {
		got, err := extractLink([]byte(page), cloud, mustBase(t))
		if err != nil {
			if got != "" {
				t.Fatalf("returned %q together with an error", got)
			}
			return
		}
		u, perr := url.Parse(got)
		if perr != nil {
			t.Fatalf("returned unparsable URL %q: %v", got, perr)
		}
		if u.Scheme != "https" || u.Host != "download.microsoft.com" || u.User != nil {
			t.Fatalf("returned %q, which is not https on download.microsoft.com", got)
		}
	})
}
