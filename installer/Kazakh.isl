; Kazakh messages of Inno Setup 6 for the Tirkeu installer.
;
; Inno Setup ships no Kazakh translation. tirkeu.iss reads Default.isl first and this
; file after it, so every message below replaces its English original and the few
; messages not translated here (pages Tirkeu's setup never shows) stay in English.
; Placeholders (%1, %n, [name]) are kept exactly as in Default.isl.

[LangOptions]
LanguageName=Қазақ тілі
LanguageID=$043F
LanguageCodePage=0

[Messages]

; *** Application titles
SetupAppTitle=Орнату
SetupWindowTitle=Орнату — %1
UninstallAppTitle=Жою
UninstallAppFullTitle=%1 бағдарламасын жою

; *** Misc. common
InformationTitle=Ақпарат
ConfirmTitle=Растау
ErrorTitle=Қате

; *** SetupLdr messages
SetupLdrStartupMessage=%1 орнатылады. Жалғастырасыз ба?
LdrCannotCreateTemp=Уақытша файл жасалмады. Орнату тоқтатылды
LdrCannotExecTemp=Уақытша қалтадағы файл іске қосылмады. Орнату тоқтатылды

; *** Startup error messages
LastErrorMessage=%1.%n%nҚате %2: %3
SetupFileMissing=Орнату қалтасында %1 файлы жоқ. Ақауды түзетіңіз немесе бағдарламаның жаңа көшірмесін алыңыз.
SetupFileCorrupt=Орнату файлдары бүлінген. Бағдарламаның жаңа көшірмесін алыңыз.
SetupFileCorruptOrWrongVer=Орнату файлдары бүлінген немесе орнатушының осы нұсқасына сәйкес келмейді. Ақауды түзетіңіз немесе бағдарламаның жаңа көшірмесін алыңыз.
InvalidParameter=Командалық жолда жарамсыз параметр берілді:%n%n%1
SetupAlreadyRunning=Орнату бағдарламасы қазір іске қосулы.
WindowsVersionNotSupported=Бұл бағдарлама компьютеріңіздегі Windows нұсқасында жұмыс істемейді.
OnlyOnTheseArchitectures=Бұл бағдарламаны тек мына процессор архитектураларына арналған Windows нұсқаларына орнатуға болады:%n%n%1
WinVersionTooLowError=Бұл бағдарламаға %1 %2 немесе одан жаңа нұсқасы қажет.
WinVersionTooHighError=Бұл бағдарламаны %1 %2 немесе одан жаңа нұсқасына орнату мүмкін емес.
AdminPrivilegesRequired=Бұл бағдарламаны орнату үшін жүйеге әкімші ретінде кіру қажет.
SetupAppRunningError=Орнату бағдарламасы %1 қазір жұмыс істеп тұрғанын анықтады.%n%nОның барлық терезесін жабыңыз да, жалғастыру үшін «OK», шығу үшін «Бас тарту» батырмасын басыңыз.
UninstallAppRunningError=Жою бағдарламасы %1 қазір жұмыс істеп тұрғанын анықтады.%n%nОның барлық терезесін жабыңыз да, жалғастыру үшін «OK», шығу үшін «Бас тарту» батырмасын басыңыз.

; *** Misc. errors
ErrorCreatingDir=Орнату бағдарламасы «%1» қалтасын жасай алмады
ErrorTooManyFilesInDir=«%1» қалтасында файл тым көп болғандықтан, оған файл жазылмады

; *** Setup common messages
ExitSetupTitle=Орнатудан шығу
ExitSetupMessage=Орнату аяқталған жоқ. Қазір шықсаңыз, бағдарлама орнатылмайды.%n%nОрнатуды кейін қайта іске қосып, аяқтауға болады.%n%nОрнатудан шығасыз ба?
AboutSetupMenuItem=&Орнату туралы...
AboutSetupTitle=Орнату туралы
AboutSetupMessage=%1, нұсқасы %2%n%3%n%n%1 сайты:%n%4

; *** Buttons
ButtonBack=< &Артқа
ButtonNext=&Әрі қарай >
ButtonInstall=&Орнату
ButtonOK=OK
ButtonCancel=Бас тарту
ButtonYes=&Иә
ButtonYesToAll=Бәріне &иә
ButtonNo=&Жоқ
ButtonNoToAll=Бәріне ж&оқ
ButtonFinish=&Аяқтау
ButtonBrowse=&Шолу...
ButtonWizardBrowse=Ш&олу...
ButtonNewFolder=&Жаңа қалта жасау

; *** "Select Language" dialog messages
SelectLanguageTitle=Орнату тілін таңдаңыз
SelectLanguageLabel=Орнату кезінде қолданылатын тілді таңдаңыз:

; *** Common wizard text
ClickNext=Жалғастыру үшін «Әрі қарай», орнатудан шығу үшін «Бас тарту» батырмасын басыңыз.
BrowseDialogTitle=Қалтаны таңдау
BrowseDialogLabel=Төмендегі тізімнен қалтаны таңдап, «OK» батырмасын басыңыз.
NewFolderName=Жаңа қалта

; *** "Welcome" wizard page
WelcomeLabel1=[name] орнату шеберіне қош келдіңіз
WelcomeLabel2=Компьютеріңізге [name/ver] орнатылады.%n%nЖалғастырмас бұрын басқа бағдарламалардың бәрін жабу ұсынылады.

; *** "Select Destination Location" wizard page
WizardSelectDir=Орнату қалтасын таңдау
SelectDirDesc=[name] қай қалтаға орнатылсын?
SelectDirLabel3=Орнату бағдарламасы [name] бағдарламасын мына қалтаға орнатады.
SelectDirBrowseLabel=Жалғастыру үшін «Әрі қарай» батырмасын басыңыз. Басқа қалтаны таңдау үшін «Шолу» батырмасын басыңыз.
DiskSpaceMBLabel=Дискіде кемінде [mb] МБ бос орын қажет.
CannotInstallToNetworkDrive=Желілік дискіге орнату мүмкін емес.
CannotInstallToUNCPath=UNC жолына орнату мүмкін емес.
InvalidPath=Диск әрпі бар толық жолды енгізіңіз, мысалы:%n%nC:\APP%n%nнемесе UNC жолын:%n%n\\server\share
InvalidDrive=Таңдалған диск немесе UNC ресурсы жоқ не оған қол жеткізу мүмкін емес. Басқасын таңдаңыз.
DiskSpaceWarningTitle=Дискіде орын жеткіліксіз
DiskSpaceWarning=Орнатуға кемінде %1 КБ бос орын қажет, ал таңдалған дискіде тек %2 КБ бар.%n%nБәрібір жалғастырасыз ба?
DirNameTooLong=Қалта атауы немесе жолы тым ұзын.
InvalidDirName=Қалта атауы жарамсыз.
BadDirName32=Қалта атауында мына таңбалар болмауы керек:%n%n%1
DirExistsTitle=Қалта бар
DirExists=Мына қалта:%n%n%1%n%nбұрыннан бар. Бәрібір осы қалтаға орнатасыз ба?
DirDoesntExistTitle=Қалта жоқ
DirDoesntExist=Мына қалта:%n%n%1%n%nжоқ. Қалтаны жасау керек пе?

; *** "Select Additional Tasks" wizard page
WizardSelectTasks=Қосымша тапсырмаларды таңдау
SelectTasksDesc=Қандай қосымша тапсырмалар орындалсын?
SelectTasksLabel2=[name] орнату кезінде орындалатын қосымша тапсырмаларды таңдап, «Әрі қарай» батырмасын басыңыз.

; *** "Ready to Install" wizard page
WizardReady=Орнатуға дайын
ReadyLabel1=Орнату бағдарламасы компьютеріңізге [name] орнатуды бастауға дайын.
ReadyLabel2a=Орнатуды жалғастыру үшін «Орнату», параметрлерді қарап шығу не өзгерту үшін «Артқа» батырмасын басыңыз.
ReadyLabel2b=Орнатуды жалғастыру үшін «Орнату» батырмасын басыңыз.
ReadyMemoDir=Орнату қалтасы:
ReadyMemoGroup=«Бастау» мәзіріндегі қалта:
ReadyMemoTasks=Қосымша тапсырмалар:

; *** "Preparing to Install" wizard page
WizardPreparing=Орнатуға дайындық
PreparingDesc=Орнату бағдарламасы компьютеріңізге [name] орнатуға дайындалып жатыр.
PreviousInstallNotCompleted=Алдыңғы бағдарламаны орнату не жою аяқталмаған. Оны аяқтау үшін компьютерді қайта іске қосу қажет.%n%nКомпьютер қайта іске қосылған соң, [name] орнатуды аяқтау үшін орнатуды қайта бастаңыз.
CannotContinue=Орнатуды жалғастыру мүмкін емес. Шығу үшін «Бас тарту» батырмасын басыңыз.
ApplicationsFound=Мына бағдарламалар орнату жаңартуы тиіс файлдарды пайдаланып тұр. Орнату бағдарламасына оларды өзі жабуға рұқсат беру ұсынылады.
ApplicationsFound2=Мына бағдарламалар орнату жаңартуы тиіс файлдарды пайдаланып тұр. Орнату бағдарламасына оларды өзі жабуға рұқсат беру ұсынылады. Орнату аяқталған соң, олар қайта іске қосылады.
CloseApplications=Бағдарламаларды &автоматты түрде жабу
DontCloseApplications=Бағдарламаларды &жаппау
ErrorCloseApplications=Орнату бағдарламасы барлық бағдарламаны автоматты түрде жаба алмады. Жалғастырмас бұрын орнату жаңартуы тиіс файлдарды пайдаланатын бағдарламалардың бәрін жабу ұсынылады.

; *** "Installing" wizard page
WizardInstalling=Орнату
InstallingLabel=Компьютеріңізге [name] орнатылып жатыр, күте тұрыңыз.

; *** "Setup Completed" wizard page
FinishedHeadingLabel=[name] орнату шеберінің жұмысы аяқталды
FinishedLabelNoIcons=[name] компьютеріңізге орнатылды.
FinishedLabel=[name] компьютеріңізге орнатылды. Бағдарламаны орнатылған белгішелер арқылы іске қосуға болады.
ClickFinish=Орнатудан шығу үшін «Аяқтау» батырмасын басыңыз.
FinishedRestartLabel=[name] орнатуды аяқтау үшін компьютерді қайта іске қосу қажет. Қазір қайта іске қосасыз ба?
FinishedRestartMessage=[name] орнатуды аяқтау үшін компьютерді қайта іске қосу қажет.%n%nҚазір қайта іске қосасыз ба?
YesRadio=&Иә, компьютерді қазір қайта іске қосу
NoRadio=&Жоқ, компьютерді кейін өзім қайта іске қосамын
RunEntryExec=%1 іске қосу
RunEntryShellExec=%1 қарау

; *** Installation phase messages
SetupAborted=Орнату аяқталған жоқ.%n%nАқауды түзетіп, орнатуды қайта іске қосыңыз.
AbortRetryIgnoreChooseAction=Әрекетті таңдаңыз
AbortRetryIgnoreRetry=Қайталау
AbortRetryIgnoreProceedAnyway=Бәрібір жалғастыру
AbortRetryIgnoreCancel=Орнатудан бас тарту

; *** Installation status messages
StatusClosingApplications=Бағдарламалар жабылуда...
StatusCreateDirs=Қалталар жасалуда...
StatusExtractFiles=Файлдар шығарылуда...
StatusCreateIcons=Белгішелер жасалуда...
StatusCreateIniEntries=INI жазбалары жасалуда...
StatusCreateRegistryEntries=Тізілім жазбалары жасалуда...
StatusRegisterFiles=Файлдар тіркелуде...
StatusSavingUninstall=Жою туралы мәлімет сақталуда...
StatusRunProgram=Орнату аяқталуда...
StatusRestartingApplications=Бағдарламалар қайта іске қосылуда...
StatusRollback=Өзгерістер кері қайтарылуда...

; *** Misc. errors
ErrorInternal2=Ішкі қате: %1
ErrorFunctionFailedNoCode=%1 орындалмады
ErrorFunctionFailed=%1 орындалмады; коды %2
ErrorFunctionFailedWithMessage=%1 орындалмады; коды %2.%n%3
ErrorExecutingProgram=Файл іске қосылмады:%n%1

; *** File copying errors
FileAbortRetryIgnoreSkipNotRecommended=Бұл файлды өткізіп жіберу (ұсынылмайды)
FileAbortRetryIgnoreProceedAnywayNotRecommended=Бәрібір жалғастыру (ұсынылмайды)
SourceIsCorrupted=Бастапқы файл бүлінген
SourceDoesntExist=«%1» бастапқы файлы жоқ
ErrorReadingExistingDest=Бар файлды оқу кезінде қате шықты:
ErrorCreatingTemp=Орнату қалтасында файл жасау кезінде қате шықты:
ErrorReadingSource=Бастапқы файлды оқу кезінде қате шықты:
ErrorCopying=Файлды көшіру кезінде қате шықты:
ErrorReplacingExistingFile=Бар файлды ауыстыру кезінде қате шықты:
ErrorRenamingTemp=Орнату қалтасындағы файлдың атын өзгерту кезінде қате шықты:

; *** Uninstall display name markings
UninstallDisplayNameMark=%1 (%2)
UninstallDisplayNameMarks=%1 (%2, %3)
UninstallDisplayNameMark32Bit=32 биттік
UninstallDisplayNameMark64Bit=64 биттік
UninstallDisplayNameMarkAllUsers=Барлық пайдаланушылар
UninstallDisplayNameMarkCurrentUser=Ағымдағы пайдаланушы

; *** Post-installation errors
ErrorRestartingComputer=Орнату бағдарламасы компьютерді қайта іске қоса алмады. Мұны өзіңіз жасаңыз.

; *** Uninstaller messages
UninstallNotFound=«%1» файлы жоқ. Жою мүмкін емес.
UninstallOpenError=«%1» файлы ашылмады. Жою мүмкін емес
ConfirmUninstall=%1 бағдарламасын және оның барлық құрамдас бөліктерін жоясыз ба?
OnlyAdminCanUninstall=Бұл бағдарламаны тек әкімші құқығы бар пайдаланушы жоя алады.
UninstallStatusLabel=%1 компьютеріңізден жойылып жатыр, күте тұрыңыз.
UninstalledAll=%1 компьютеріңізден жойылды.
UninstalledMost=%1 жою аяқталды.%n%nКейбір элементтер жойылмады. Оларды қолмен жоюға болады.
UninstalledAndNeedsRestart=%1 жоюды аяқтау үшін компьютерді қайта іске қосу қажет.%n%nҚазір қайта іске қосасыз ба?
UninstallDataCorrupted=«%1» файлы бүлінген. Жою мүмкін емес

; *** Uninstallation phase messages
WizardUninstalling=Жою барысы
StatusUninstalling=%1 жойылуда...

; *** Shutdown block reasons
ShutdownBlockReasonInstallingApp=%1 орнатылуда.
ShutdownBlockReasonUninstallingApp=%1 жойылуда.

[CustomMessages]

NameAndVersion=%1, нұсқасы %2
AdditionalIcons=Қосымша белгішелер:
CreateDesktopIcon=&Жұмыс үстелінде белгіше жасау
UninstallProgram=%1 бағдарламасын жою
LaunchProgram=%1 іске қосу
