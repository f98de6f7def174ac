package oidc

import (
	"net/http"

	"golang.org/x/text/language"
)

// The hosted page speaks the shopper's language: the authorization
// request's `locale` (Hydrogen sends the storefront's), else the browser's
// Accept-Language, matched against the languages below; English
// otherwise. Texts are keyed by their English wording.

var pageLanguages = []language.Tag{language.English, language.French, language.German, language.Spanish, language.Italian, language.Dutch, language.Portuguese}

var languageMatcher = language.NewMatcher(pageLanguages)

// translations holds each language's texts but English.
var translations = map[language.Tag]map[string]string{
	language.French: {
		"Sign in":                 "Se connecter",
		"Sign-in link not valid":  "Lien de connexion non valide",
		"Sign-out link not valid": "Lien de déconnexion non valide",
		"Signed out":              "Déconnecté",
		"Email":                   "E-mail",
		"Password":                "Mot de passe",
		"Email me a sign-in code": "M'envoyer un code de connexion",
		"Create an account":       "Créer un compte",
		"Forgot your password?":   "Mot de passe oublié ?",
		"Code from your authenticator app (or a recovery code)":                     "Code de votre application d'authentification (ou un code de récupération)",
		"The 6-digit code we emailed to":                                            "Le code à 6 chiffres envoyé à",
		"This form has expired. Please sign in again.":                              "Ce formulaire a expiré. Veuillez vous reconnecter.",
		"If the address can sign in here, a 6-digit code is on its way to it.":      "Si cette adresse peut se connecter ici, un code à 6 chiffres lui a été envoyé.",
		"That took too long. Please sign in again.":                                 "Le délai est dépassé. Veuillez vous reconnecter.",
		"Too many attempts. Please try again later.":                                "Trop de tentatives. Veuillez réessayer plus tard.",
		"Incorrect email or password.":                                              "E-mail ou mot de passe incorrect.",
		"This sign-out link is not valid.":                                          "Ce lien de déconnexion n'est pas valide.",
		"You are signed out.":                                                       "Vous êtes déconnecté.",
		"This sign-in link names an unknown application.":                           "Ce lien de connexion désigne une application inconnue.",
		"This sign-in link returns to an address the application did not register.": "Ce lien de connexion renvoie vers une adresse que l'application n'a pas enregistrée.",
	},
	language.German: {
		"Sign in":                 "Anmelden",
		"Sign-in link not valid":  "Anmeldelink ungültig",
		"Sign-out link not valid": "Abmeldelink ungültig",
		"Signed out":              "Abgemeldet",
		"Email":                   "E-Mail",
		"Password":                "Passwort",
		"Email me a sign-in code": "Anmeldecode per E-Mail senden",
		"Create an account":       "Konto erstellen",
		"Forgot your password?":   "Passwort vergessen?",
		"Code from your authenticator app (or a recovery code)":                     "Code aus Ihrer Authenticator-App (oder ein Wiederherstellungscode)",
		"The 6-digit code we emailed to":                                            "Der 6-stellige Code, gesendet an",
		"This form has expired. Please sign in again.":                              "Dieses Formular ist abgelaufen. Bitte melden Sie sich erneut an.",
		"If the address can sign in here, a 6-digit code is on its way to it.":      "Wenn sich diese Adresse hier anmelden kann, ist ein 6-stelliger Code unterwegs.",
		"That took too long. Please sign in again.":                                 "Das hat zu lange gedauert. Bitte melden Sie sich erneut an.",
		"Too many attempts. Please try again later.":                                "Zu viele Versuche. Bitte versuchen Sie es später erneut.",
		"Incorrect email or password.":                                              "E-Mail oder Passwort falsch.",
		"This sign-out link is not valid.":                                          "Dieser Abmeldelink ist ungültig.",
		"You are signed out.":                                                       "Sie sind abgemeldet.",
		"This sign-in link names an unknown application.":                           "Dieser Anmeldelink nennt eine unbekannte Anwendung.",
		"This sign-in link returns to an address the application did not register.": "Dieser Anmeldelink führt zu einer Adresse, die die Anwendung nicht registriert hat.",
	},
	language.Spanish: {
		"Sign in":                 "Iniciar sesión",
		"Sign-in link not valid":  "Enlace de inicio de sesión no válido",
		"Sign-out link not valid": "Enlace de cierre de sesión no válido",
		"Signed out":              "Sesión cerrada",
		"Email":                   "Correo electrónico",
		"Password":                "Contraseña",
		"Email me a sign-in code": "Enviarme un código de inicio de sesión",
		"Create an account":       "Crear una cuenta",
		"Forgot your password?":   "¿Olvidaste tu contraseña?",
		"Code from your authenticator app (or a recovery code)":                     "Código de tu app de autenticación (o un código de recuperación)",
		"The 6-digit code we emailed to":                                            "El código de 6 dígitos enviado a",
		"This form has expired. Please sign in again.":                              "Este formulario ha caducado. Vuelve a iniciar sesión.",
		"If the address can sign in here, a 6-digit code is on its way to it.":      "Si esta dirección puede iniciar sesión aquí, le hemos enviado un código de 6 dígitos.",
		"That took too long. Please sign in again.":                                 "Ha tardado demasiado. Vuelve a iniciar sesión.",
		"Too many attempts. Please try again later.":                                "Demasiados intentos. Inténtalo más tarde.",
		"Incorrect email or password.":                                              "Correo electrónico o contraseña incorrectos.",
		"This sign-out link is not valid.":                                          "Este enlace de cierre de sesión no es válido.",
		"You are signed out.":                                                       "Has cerrado sesión.",
		"This sign-in link names an unknown application.":                           "Este enlace de inicio de sesión nombra una aplicación desconocida.",
		"This sign-in link returns to an address the application did not register.": "Este enlace de inicio de sesión vuelve a una dirección que la aplicación no registró.",
	},
	language.Italian: {
		"Sign in":                 "Accedi",
		"Sign-in link not valid":  "Link di accesso non valido",
		"Sign-out link not valid": "Link di disconnessione non valido",
		"Signed out":              "Disconnesso",
		"Email":                   "Email",
		"Password":                "Password",
		"Email me a sign-in code": "Inviami un codice di accesso",
		"Create an account":       "Crea un account",
		"Forgot your password?":   "Password dimenticata?",
		"Code from your authenticator app (or a recovery code)":                     "Codice della tua app di autenticazione (o un codice di recupero)",
		"The 6-digit code we emailed to":                                            "Il codice a 6 cifre inviato a",
		"This form has expired. Please sign in again.":                              "Questo modulo è scaduto. Accedi di nuovo.",
		"If the address can sign in here, a 6-digit code is on its way to it.":      "Se questo indirizzo può accedere qui, gli è stato inviato un codice a 6 cifre.",
		"That took too long. Please sign in again.":                                 "È passato troppo tempo. Accedi di nuovo.",
		"Too many attempts. Please try again later.":                                "Troppi tentativi. Riprova più tardi.",
		"Incorrect email or password.":                                              "Email o password errati.",
		"This sign-out link is not valid.":                                          "Questo link di disconnessione non è valido.",
		"You are signed out.":                                                       "Sei disconnesso.",
		"This sign-in link names an unknown application.":                           "Questo link di accesso indica un'applicazione sconosciuta.",
		"This sign-in link returns to an address the application did not register.": "Questo link di accesso rimanda a un indirizzo che l'applicazione non ha registrato.",
	},
	language.Dutch: {
		"Sign in":                 "Inloggen",
		"Sign-in link not valid":  "Inloglink ongeldig",
		"Sign-out link not valid": "Uitloglink ongeldig",
		"Signed out":              "Uitgelogd",
		"Email":                   "E-mail",
		"Password":                "Wachtwoord",
		"Email me a sign-in code": "Stuur mij een inlogcode",
		"Create an account":       "Account aanmaken",
		"Forgot your password?":   "Wachtwoord vergeten?",
		"Code from your authenticator app (or a recovery code)":                     "Code uit je authenticator-app (of een herstelcode)",
		"The 6-digit code we emailed to":                                            "De 6-cijferige code gemaild naar",
		"This form has expired. Please sign in again.":                              "Dit formulier is verlopen. Log opnieuw in.",
		"If the address can sign in here, a 6-digit code is on its way to it.":      "Als dit adres hier kan inloggen, is er een 6-cijferige code naartoe onderweg.",
		"That took too long. Please sign in again.":                                 "Dat duurde te lang. Log opnieuw in.",
		"Too many attempts. Please try again later.":                                "Te veel pogingen. Probeer het later opnieuw.",
		"Incorrect email or password.":                                              "Onjuist e-mailadres of wachtwoord.",
		"This sign-out link is not valid.":                                          "Deze uitloglink is ongeldig.",
		"You are signed out.":                                                       "Je bent uitgelogd.",
		"This sign-in link names an unknown application.":                           "Deze inloglink noemt een onbekende toepassing.",
		"This sign-in link returns to an address the application did not register.": "Deze inloglink keert terug naar een adres dat de toepassing niet heeft geregistreerd.",
	},
	language.Portuguese: {
		"Sign in":                 "Entrar",
		"Sign-in link not valid":  "Link de acesso inválido",
		"Sign-out link not valid": "Link de saída inválido",
		"Signed out":              "Sessão encerrada",
		"Email":                   "E-mail",
		"Password":                "Senha",
		"Email me a sign-in code": "Enviar-me um código de acesso",
		"Create an account":       "Criar uma conta",
		"Forgot your password?":   "Esqueceu a senha?",
		"Code from your authenticator app (or a recovery code)":                     "Código do seu app autenticador (ou um código de recuperação)",
		"The 6-digit code we emailed to":                                            "O código de 6 dígitos enviado para",
		"This form has expired. Please sign in again.":                              "Este formulário expirou. Entre novamente.",
		"If the address can sign in here, a 6-digit code is on its way to it.":      "Se este endereço puder entrar aqui, um código de 6 dígitos está a caminho.",
		"That took too long. Please sign in again.":                                 "Demorou demais. Entre novamente.",
		"Too many attempts. Please try again later.":                                "Tentativas demais. Tente novamente mais tarde.",
		"Incorrect email or password.":                                              "E-mail ou senha incorretos.",
		"This sign-out link is not valid.":                                          "Este link de saída não é válido.",
		"You are signed out.":                                                       "Sua sessão foi encerrada.",
		"This sign-in link names an unknown application.":                           "Este link de acesso indica um aplicativo desconhecido.",
		"This sign-in link returns to an address the application did not register.": "Este link de acesso volta para um endereço que o aplicativo não registrou.",
	},
}

// pageLanguage is the page's language for a request: its `locale`, else
// the browser's preferences.
func pageLanguage(r *http.Request, locale string) language.Tag {
	var prefs []language.Tag
	if t, err := language.Parse(locale); err == nil {
		prefs = append(prefs, t)
	}
	if accept, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language")); err == nil {
		prefs = append(prefs, accept...)
	}
	_, i, _ := languageMatcher.Match(prefs...)
	return pageLanguages[i]
}

// translate is the text in lang, or as given (English, or a message with
// no translation such as a rule's own).
func translate(lang language.Tag, text string) string {
	if t, ok := translations[lang][text]; ok {
		return t
	}
	return text
}

// uiLocales lists the page's languages, for discovery.
func uiLocales() []string {
	out := make([]string, len(pageLanguages))
	for i, l := range pageLanguages {
		out[i] = l.String()
	}
	return out
}
